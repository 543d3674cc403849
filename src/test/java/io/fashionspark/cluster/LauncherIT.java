package io.fashionspark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.data.DatasetFiles;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SyntheticFashion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit/fashion-spark} as a user runs it, after {@code package}: every command on a model
 * it trained, and its choice of spark-submit for a cluster master (a stand-in spark-submit on
 * {@code PATH} reports a version and records what it was asked to run).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    static Path tmp;
    private static Path root;
    private static Path buildDir;
    private static Path data;
    private static Path run;

    @BeforeAll
    static void paths() throws IOException {
        root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        buildDir = Path.of(System.getProperty("build.dir", root.resolve("target").toString()));
        data = tmp.resolve("data");
        SyntheticFashion.writeDataset(data, 600, 200, 5, true);
        run = tmp.resolve("runs/first");
    }

    @Test
    @Order(1)
    void trainsThenEvaluatesPredictsReportsScoresAndExportsThroughTheLauncher() throws Exception {
        ScriptRun train = launch(Map.of(), "train", "--data-dir", data.toString(), "--out", run.toString(),
                "--epochs", "1", "--batch-size", "32", "--master", "local[2]");
        assertEquals(0, train.exitCode(), train.describe());
        assertTrue(train.stdout().stream().anyMatch(l -> l.startsWith("fashion-spark train: master local[2]")),
                train.describe());
        Path model = run.resolve("model.zip");

        ScriptRun evaluate = launch(Map.of("MASTER", "local[2]"), "evaluate", "--model", model.toString(),
                "--data-dir", data.toString(), "--report", tmp.resolve("eval.json").toString());
        assertEquals(0, evaluate.exitCode(), evaluate.describe());
        assertTrue(evaluate.stdout().stream().anyMatch(l -> l.contains("test accuracy")), evaluate.describe());
        assertTrue(Files.isRegularFile(tmp.resolve("eval.html")));

        ScriptRun predict = launch(Map.of(), "predict", "--model", model.toString(), "--data-dir", data.toString(),
                "--count", "3");
        assertEquals(0, predict.exitCode(), predict.describe());
        assertEquals(3, predict.stdout().stream().filter(l -> l.startsWith("  #")).count(), predict.describe());

        Files.delete(run.resolve("report.html"));
        ScriptRun report = launch(Map.of(), "report", run.toString());
        assertEquals(0, report.exitCode(), report.describe());
        assertTrue(Files.isRegularFile(run.resolve("report.html")));

        DatasetFiles files = DatasetFiles.locate(LocalFiles.of(data));
        Path pngs = tmp.resolve("pngs");
        ScriptRun export = launch(Map.of(), "export-images", "--images", files.testImages().toString(), "--labels",
                files.testLabels().toString(), "--output", pngs.toString(), "--limit", "12");
        assertEquals(0, export.exitCode(), export.describe());

        ScriptRun score = launchScript("submit/score.sh", Map.of(), "--model", model.toString(), "--input",
                pngs.toString(), "--output", tmp.resolve("scores").toString());
        assertEquals(0, score.exitCode(), score.describe());
        assertTrue(score.stdout().stream().anyMatch(l -> l.startsWith("scored 12, failed 0 of 12 files")),
                score.describe());
    }

    @Test
    @Order(2)
    void refusesASparkSubmitOfAnotherSparkOrScalaLine() throws Exception {
        Path bin = fakeSparkSubmit("other", "3.4.1", "2.13.8");
        ScriptRun train = launch(Map.of("PATH", bin + ":" + System.getenv("PATH")), "train", "--master",
                "spark://127.0.0.1:7077", "--data-dir", data.toString());
        assertEquals(2, train.exitCode(), train.describe());
        List<String> err = Files.readAllLines(train.stderr());
        assertEquals(List.of("fashion-spark: " + bin.resolve("spark-submit") + ": expected Spark 3.5.x built for"
                + " Scala 2.12, found Spark 3.4.1 built for Scala 2.13"), err);
        assertFalse(Files.exists(bin.resolve("submitted")), "nothing was submitted");
    }

    @Test
    @Order(3)
    void submitsTheApplicationJarToAClusterMasterWithTheSparkSubmitFound() throws Exception {
        Path bin = fakeSparkSubmit("good", "3.5.9", "2.12.18");
        ScriptRun train = launch(Map.of("PATH", bin + ":" + System.getenv("PATH"), "MASTER", "spark://10.0.0.1:7077"),
                "train", "--data-dir", data.toString(), "--epochs", "2");
        assertEquals(0, train.exitCode(), train.describe());
        List<String> args = Files.readAllLines(bin.resolve("submitted"));
        int master = args.indexOf("--master");
        assertEquals("spark://10.0.0.1:7077", args.get(master + 1));
        assertEquals("client", args.get(args.indexOf("--deploy-mode") + 1));
        // A private copy of conf/spark-defaults.conf (the user's Spark defaults would follow it), gone afterwards.
        String properties = args.get(args.indexOf("--properties-file") + 1);
        assertFalse(Files.exists(Path.of(properties)), "the submission's properties file is removed");
        assertEquals("600", Files.readString(bin.resolve("properties-mode")).strip());
        assertTrue(Files.readString(bin.resolve("submitted.properties"))
                .startsWith(Files.readString(root.resolve("conf/spark-defaults.conf"))));
        assertEquals("io.fashionspark.cli.Main", args.get(args.indexOf("--class") + 1));
        int jar = args.indexOf(buildDir.resolve("fashion-spark-app.jar").toString());
        assertTrue(jar > 0, args.toString());
        assertEquals(List.of("train", "--data-dir", data.toString(), "--epochs", "2"), args.subList(jar + 1, args.size()));
        assertTrue(args.get(args.indexOf("--driver-java-options") + 1).contains("-Dorg.bytedeco.javacpp.maxbytes="));
    }

    @Test
    @Order(4)
    void helpListsTheCommandsAndAnUnknownCommandIsAUsageError() throws Exception {
        ScriptRun help = launch(Map.of(), "--help");
        assertEquals(0, help.exitCode(), help.describe());
        assertTrue(help.stdout().stream().anyMatch(l -> l.contains("train, evaluate, predict, score, download, report,"
                + " export-images, bench")), help.describe());
        ScriptRun unknown = launch(Map.of(), "fly");
        assertEquals(2, unknown.exitCode(), unknown.describe());
        assertEquals(1, Files.readAllLines(unknown.stderr()).size());
    }

    /** A spark-submit that prints the banner of Spark {@code version} / Scala {@code scala} and records its arguments. */
    private static Path fakeSparkSubmit(String name, String version, String scala) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin-" + name));
        Path script = bin.resolve("spark-submit");
        Files.writeString(script, String.join("\n",
                "#!/usr/bin/env bash",
                "if [ \"$1\" = --version ]; then",
                "  printf 'Welcome to\\n      ____\\n   /___/ .__/\\\\_,_/_/ /_/\\\\_\\\\   version " + version + "\\n'" + " >&2",
                "  echo 'Using Scala version " + scala + ", OpenJDK 64-Bit Server VM, 17' >&2",
                "  exit 0",
                "fi",
                "printf '%s\\n' \"$@\" > \"$(dirname \"$0\")/submitted\"",
                "while [ $# -gt 0 ]; do",
                "  if [ \"$1\" = --properties-file ]; then",
                "    cp \"$2\" \"$(dirname \"$0\")/submitted.properties\"",
                "    stat -c %a \"$2\" > \"$(dirname \"$0\")/properties-mode\"",
                "  fi",
                "  shift",
                "done",
                ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static ScriptRun launch(Map<String, String> env, String... args) throws Exception {
        return launchScript("submit/fashion-spark", env, args);
    }

    private static ScriptRun launchScript(String script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(root.resolve(script).toString());
        command.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(env);
        all.put("BUILD_DIR", buildDir.toString());
        all.putIfAbsent("MASTER", null);
        all.put("SPARK_HOME", null);
        Path stderr = Files.createTempFile(tmp, "stderr-", ".txt");
        return ScriptRun.run(command, tmp, all, stderr, TIMEOUT, null);
    }
}
