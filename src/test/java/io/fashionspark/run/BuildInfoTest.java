package io.fashionspark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Provenance knows what it was built from: versions, and the commit when built in a git checkout. */
class BuildInfoTest {
    @Test
    void namesTheCommitOfAGitCheckout() {
        assumeTrue(Files.isDirectory(Path.of(".git")), "built outside a git checkout");
        String commit = BuildInfo.current().gitCommit();
        assertTrue(commit.matches("[0-9a-f]{40}(-dirty)?"), commit);
    }

    @Test
    void namesTheVersionsOfTheBuildAndTheRuntime() {
        BuildInfo build = BuildInfo.current();
        assertEquals("3.5.9", build.sparkVersion());
        assertEquals(org.apache.spark.package$.MODULE$.SPARK_VERSION(), build.sparkRuntime());
        assertEquals("1.0.0-M2", build.dl4jVersion());
        assertEquals(System.getProperty("java.version"), build.javaVersion());
    }
}
