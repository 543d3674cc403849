package io.fashionspark.cli;

import io.fashionspark.run.BuildInfo;
import picocli.CommandLine;

/** {@code --version}: project version, commit, Spark, DL4J and Java versions. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        BuildInfo b = BuildInfo.current();
        return new String[] {"fashion-spark " + b.projectVersion() + " (" + b.gitCommit() + ")",
            "Spark " + b.sparkRuntime() + ", DL4J " + b.dl4jVersion() + ", Java " + b.javaVersion()};
    }
}
