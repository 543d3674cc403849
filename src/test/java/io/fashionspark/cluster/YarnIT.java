package io.fashionspark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fashionspark.testing.SyntheticFashion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The trainer on a real YARN: a ResourceManager and a NodeManager with HDFS on loopback
 * ({@link MiniHadoop}), submitted with {@code submit/train.sh --master yarn} in client and in
 * cluster deploy mode, 2 epochs on generated data kept on HDFS. The Spark home is the one
 * {@code submit/cluster.sh} builds (with spark-yarn); the test's own Spark defaults say what only
 * this machine needs: Spark's jars are local to the node, and everything binds to loopback.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class YarnIT {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RUN_FILES = Set.of("checkpoints", "config.properties", "confusion.png",
            "curves.png", "learning-rate.png", "metrics.jsonl", "model.zip", "provenance.json", "report.html",
            "test-report.json");

    private static Path root;
    private static Path buildDir;
    private static Path work;
    private static MiniHadoop hadoop;
    private static FileSystem fs;
    private static String data;
    private static Map<String, String> env;

    @BeforeAll
    static void startYarn() throws Exception {
        root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        buildDir = Path.of(System.getProperty("build.dir", root.resolve("target").toString()));
        work = Files.createTempDirectory(buildDir, "yarn-it-");
        Path sparkHome = buildDir.resolve("spark-home");
        ScriptRun home = ScriptRun.run(List.of(root.resolve("submit/cluster.sh").toString(), "spark-home"), root,
                Map.of("BUILD_DIR", buildDir.toString()), work.resolve("spark-home.stderr"), Duration.ofMinutes(10),
                null);
        assertEquals(0, home.exitCode(), home::describe);

        hadoop = MiniHadoop.start(work.resolve("hadoop"), true, 12_288);
        fs = FileSystem.get(URI.create(hadoop.hdfsUri()), new Configuration());
        Path local = work.resolve("data");
        SyntheticFashion.writeDataset(local, 1500, 300, 5L, true);
        data = hadoop.hdfsUri() + "/data/small";
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(data));

        Path sparkConf = Files.createDirectories(work.resolve("spark-conf"));
        Files.writeString(sparkConf.resolve("spark-defaults.conf"), String.join("\n",
                "spark.yarn.jars local:" + sparkHome.resolve("jars") + "/*",
                "spark.yarn.appMasterEnv.SPARK_LOCAL_IP 127.0.0.1",
                "spark.executorEnv.SPARK_LOCAL_IP 127.0.0.1",
                ""));
        env = new HashMap<>();
        env.put("BUILD_DIR", buildDir.toString());
        env.put("HADOOP_CONF_DIR", hadoop.confDir().toString());
        env.put("SPARK_CONF_DIR", sparkConf.toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_HOME", null);
        env.put("MASTER", null);
    }

    @AfterAll
    static void stopYarn() {
        if (hadoop != null) {
            hadoop.close();
        }
    }

    @Test
    @Order(1)
    void clientModeTrainsOnYarnWithDataAndRunFolderOnHdfs() throws Exception {
        String out = hadoop.hdfsUri() + "/runs/yarn-client";
        ScriptRun run = train("client", out);
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().stream().anyMatch(l -> l.startsWith("fashion-spark train: master yarn")), run::describe);
        assertRunFolder(out, run);
    }

    @Test
    @Order(2)
    void clusterModeRunsTheDriverInYarnAndWritesTheRunFolderToHdfs() throws Exception {
        String out = hadoop.hdfsUri() + "/runs/yarn-cluster";
        ScriptRun submit = train("cluster", out);
        assertEquals(0, submit.exitCode(), submit::describe);
        assertTrue(submit.stdout().stream().anyMatch(l -> l.matches("submitted: application_\\d+_\\d+ to yarn .*")),
                submit::describe);
        MiniHadoop.awaitFinishedRun(fs, out, RUN_TIMEOUT);
        assertRunFolder(out, submit);
    }

    private static ScriptRun train(String mode, String out) throws IOException, InterruptedException {
        List<String> command = List.of(root.resolve("submit/train.sh").toString(), "--master", "yarn",
                "--deploy-mode", mode, "--data-dir", data, "--out", out, "--epochs", "2", "--batch-size", "32",
                "--learning-rate", "0.002");
        return ScriptRun.run(command, root, env, work.resolve("train-" + mode + ".stderr"), RUN_TIMEOUT, null);
    }

    private static void assertRunFolder(String out, ScriptRun run) throws IOException {
        Set<String> names = new TreeSet<>();
        for (FileStatus f : fs.listStatus(new org.apache.hadoop.fs.Path(out))) {
            names.add(f.getPath().getName());
        }
        assertEquals(RUN_FILES, names, run::describe);
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(out + "/provenance.json"))) {
            assertEquals("yarn", JSON.readTree(in).path("master").asText());
        }
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(out + "/test-report.json"))) {
            double accuracy = JSON.readTree(in).path("accuracy").asDouble();
            assertTrue(accuracy > 0.5, "test accuracy " + accuracy);
        }
    }
}
