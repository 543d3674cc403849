package io.fashionspark.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Versions and commit this build was made from, read from resources written at build time.
 *
 * @param projectVersion the project's version
 * @param gitCommit      full commit id, or "unknown" outside git ("-dirty" appended for local changes)
 * @param sparkVersion   Spark version compiled against
 * @param sparkRuntime   Spark version actually running
 * @param dl4jVersion    DL4J version
 * @param javaVersion    Java runtime version
 */
public record BuildInfo(String projectVersion, String gitCommit, String sparkVersion, String sparkRuntime,
                        String dl4jVersion, String javaVersion) {

    /** Reads the build resources of this jar. */
    public static BuildInfo current() {
        Properties build = resource("build.properties");
        Properties git = resource("git.properties");
        String commit = git.getProperty("git.commit.id.full", "unknown");
        if ("true".equals(git.getProperty("git.dirty"))) {
            commit += "-dirty";
        }
        return new BuildInfo(build.getProperty("project.version", "unknown"), commit,
                build.getProperty("spark.version", "unknown"), org.apache.spark.package$.MODULE$.SPARK_VERSION(),
                build.getProperty("dl4j.version", "unknown"), System.getProperty("java.version"));
    }

    private static Properties resource(String name) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/fashionspark/" + name)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable build resource " + name, e);
        }
        return p;
    }
}
