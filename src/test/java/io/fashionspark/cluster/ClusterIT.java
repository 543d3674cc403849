package io.fashionspark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fashionspark.testing.SyntheticFashion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Trains on a real Spark standalone cluster: {@code submit/cluster.sh} starts a master and two
 * workers (one core each) on 127.0.0.1, and {@code MASTER=spark://... submit/train.sh} submits
 * the application jar to it, with Spark's own jars on the cluster and DL4J/ND4J only in the
 * application jar.
 *
 * <p>Run by Failsafe in {@code mvn verify} after {@code package}; takes two to five minutes
 * (more on a busy machine). Logs and run folders stay in {@code <build dir>/cluster-it-*}.
 * The cluster is stopped after the last test, also when one fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern EPOCH_LINE = Pattern.compile("^epoch\\s+\\d+/\\d+\\s.*");
    private static final Pattern UI_LINE = Pattern.compile("^fashion-spark train: .*, Spark UI (http://\\S+)$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORK_PREFIX = "cluster-it-";

    private static Path root;
    private static Path work;
    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        Path buildDir = Path.of(System.getProperty("build.dir", root.resolve("target").toString()));
        Files.createDirectories(buildDir);
        // Only the last run's logs and run folders stay (each run leaves ~45 MB).
        try (Stream<Path> earlier = Files.list(buildDir)) {
            for (Path dir : earlier.filter(p -> p.getFileName().toString().startsWith(WORK_PREFIX)).toList()) {
                LocalCluster.removeEarlier(root, buildDir, dir.resolve("cluster"));
            }
        }
        work = Files.createTempDirectory(buildDir, WORK_PREFIX);
        cluster = LocalCluster.start(root, buildDir, work.resolve("cluster"), 2);
    }

    @AfterAll
    static void stopCluster() throws IOException, InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void trainsWithTasksOnBothExecutors() throws IOException, InterruptedException {
        Path out = uninterruptedRun();
        JsonNode provenance = JSON.readTree(out.resolve("provenance.json").toFile());
        assertEquals(cluster.masterUrl(), provenance.path("master").asText());
        Set<String> trained = StreamSupport.stream(provenance.path("executors").spliterator(), false)
                .filter(e -> e.path("training_tasks").asLong() > 0)
                .map(e -> e.path("id").asText())
                .collect(Collectors.toSet());
        assertEquals(2, trained.size(), () -> "executors with training tasks: " + provenance.path("executors"));
        assertEquals(0, provenance.path("executor_losses").size(), () -> provenance.path("executor_losses").toString());
    }

    @Test
    @Order(2)
    void finishesAfterAnExecutorIsKilledDuringTraining() throws IOException, InterruptedException {
        Path uninterrupted = uninterruptedRun();
        Path out = work.resolve("run-executor-lost");
        AtomicReference<String> ui = new AtomicReference<>();
        AtomicReference<String> killed = new AtomicReference<>();
        Consumer<String> killInSecondEpoch = line -> {
            Matcher m = UI_LINE.matcher(line);
            if (m.matches()) {
                ui.set(m.group(1));
            }
            if (EPOCH_LINE.matcher(line).matches() && killed.get() == null) {
                killed.set(killAnExecutorRunningATask(ui.get()));
            }
        };

        ScriptRun run = train(data(), out, 3, killInSecondEpoch);

        assertNotNull(killed.get(), () -> "no epoch line: " + run.describe());
        System.out.println("ClusterIT killed " + killed.get());
        assertFalse(killed.get().isEmpty(), () -> "no Spark UI line or no executor running a task found: " + run.describe());
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().stream().anyMatch(l -> l.contains("lost during epoch")),
                () -> "killed " + killed.get() + ", but no 'lost during epoch' line: " + run.describe());
        JsonNode provenance = JSON.readTree(out.resolve("provenance.json").toFile());
        assertTrue(provenance.path("executor_losses").size() > 0,
                () -> "executor_losses is empty after killing " + killed.get() + ": " + provenance);
        long failed = StreamSupport.stream(provenance.path("executors").spliterator(), false)
                .mapToLong(e -> e.path("failed_training_tasks").asLong()).sum();
        assertTrue(failed > 0, () -> "killed " + killed.get() + " but no training task failed: " + provenance);
        assertAccuracyAboveChance(out, run);
        // Spark reran the lost tasks from the same broadcast parameters, minibatches and dropout
        // seeds, and the rounds were averaged in partition order: nothing of the loss remains.
        assertEquals(parametersSha256(uninterrupted), parametersSha256(out),
                () -> "parameters after an executor loss differ from the run without it\n" + run.describe());
    }

    /**
     * The run the executor-loss test compares with: 3 epochs on 6,000 synthetic images, large
     * enough that an epoch takes several seconds, so a kill lands inside one. Run once.
     */
    private static Path uninterruptedRun() throws IOException, InterruptedException {
        Path out = work.resolve("run-both-executors");
        if (!Files.exists(out.resolve("provenance.json"))) {
            ScriptRun run = train(data(), out, 3, null);
            assertEquals(0, run.exitCode(), run::describe);
            assertAccuracyAboveChance(out, run);
        }
        return out;
    }

    /** 6,000 synthetic training and 500 test images, written once. */
    private static Path data() throws IOException {
        Path data = work.resolve("data");
        if (!Files.exists(data)) {
            SyntheticFashion.writeDataset(data, 6000, 500, 8L, true);
        }
        return data;
    }

    private static String parametersSha256(Path out) throws IOException {
        String sha = JSON.readTree(out.resolve("provenance.json").toFile()).path("parameters_sha256").asText();
        assertEquals(64, sha.length(), () -> "parameters_sha256 in " + out + ": " + sha);
        return sha;
    }

    @Test
    @Order(3)
    void aSubmissionWithoutTheClustersSecretIsRefusedAndLeavesNothing() throws IOException, InterruptedException {
        Path data = data();
        Path out = work.resolve("run-without-secret");
        Map<String, String> env = new HashMap<>(cluster.environment());
        // Another state folder: the launcher finds no secret to add for this master.
        env.put("CLUSTER_DIR", Files.createDirectories(work.resolve("no-cluster-here")).toString());
        env.put("MASTER", cluster.masterUrl());
        List<String> command = List.of(root.resolve("submit/train.sh").toString(), "--data-dir", data.toString(),
                "--out", out.toString(), "--epochs", "1");
        ScriptRun run = ScriptRun.run(command, root, env, work.resolve("without-secret.stderr"), RUN_TIMEOUT, null);
        assertEquals(1, run.exitCode(), run::describe);
        List<String> err = Files.readAllLines(run.stderr());
        assertTrue(err.stream().anyMatch(l -> l.contains("Expected SaslMessage")), run::describe);
        assertEquals("train: failed: the standalone master " + cluster.masterUrl() + " did not register this application:"
                + " it refused the connection or did not answer (a cluster with spark.authenticate takes only"
                + " applications that have its secret, spark.authenticate.secret)", err.get(err.size() - 1));
        assertFalse(Files.exists(out), "no run folder is left");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(cluster.state().resolve("secret.properties"))));
    }

    @Test
    @Order(4)
    void clusterDeployModeWritesTheWholeRunFolderToHdfs() throws Exception {
        try (MiniHadoop hadoop = MiniHadoop.start(work.resolve("hadoop"), false, 0)) {
            String data = hadoop.hdfsUri() + "/data/small";
            String out = hadoop.hdfsUri() + "/runs/cluster-mode";
            org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.get(java.net.URI.create(data),
                    new org.apache.hadoop.conf.Configuration());
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(data().toUri()),
                    new org.apache.hadoop.fs.Path(data));
            Map<String, String> env = new HashMap<>(cluster.environment());
            env.put("MASTER", cluster.masterUrl());
            List<String> command = List.of(root.resolve("submit/train.sh").toString(), "--deploy-mode", "cluster",
                    "--data-dir", data, "--out", out, "--epochs", "2", "--batch-size", "32", "--learning-rate", "0.002");
            ScriptRun submit = ScriptRun.run(command, root, env, work.resolve("cluster-mode.stderr"), RUN_TIMEOUT, null);
            assertEquals(0, submit.exitCode(), submit::describe);
            assertTrue(submit.stdout().stream().anyMatch(l -> l.matches("submitted: driver-\\d{14}-\\d{4} to "
                    + java.util.regex.Pattern.quote(cluster.masterUrl()) + " .*")), submit::describe);
            assertTrue(submit.stdout().contains("output: " + out + " (written by the driver as the run goes; finished"
                    + " when it holds provenance.json and no run.lock)"), submit::describe);
            MiniHadoop.awaitFinishedRun(fs, out, RUN_TIMEOUT);
            Set<String> names = new java.util.TreeSet<>();
            for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(new org.apache.hadoop.fs.Path(out))) {
                names.add(f.getPath().getName());
            }
            assertEquals(Set.of("checkpoints", "config.properties", "confusion.png", "curves.png", "learning-rate.png",
                    "metrics.jsonl", "model.zip", "provenance.json", "report.html", "test-report.json"), names,
                    () -> "run folder on HDFS after the driver ran on a worker: " + submit.describe());
            try (java.io.InputStream in = fs.open(new org.apache.hadoop.fs.Path(out + "/test-report.json"))) {
                double accuracy = JSON.readTree(in).path("accuracy").asDouble();
                assertTrue(accuracy > 0.5, "test accuracy " + accuracy);
            }
        }
    }

    private static ScriptRun train(Path data, Path out, int epochs, Consumer<String> onLine)
            throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(cluster.environment());
        env.put("MASTER", cluster.masterUrl());
        List<String> command = List.of(root.resolve("submit/train.sh").toString(),
                "--data-dir", data.toString(), "--out", out.toString(), "--epochs", String.valueOf(epochs),
                "--batch-size", "32", "--learning-rate", "0.002",
                // Two rounds per epoch: training tasks long enough for a kill to land inside one.
                "--set", "train.averaging.frequency=40");
        return ScriptRun.run(command, root, env, work.resolve(out.getFileName() + ".stderr"), RUN_TIMEOUT, onLine);
    }

    /**
     * SIGKILLs an executor the driver's REST API shows running a task of a training round (a
     * stage of the averaging collect) that started after this method was called; empty if none
     * was found within 30 s. Only a round seen from its start: a task found near its end could
     * send its result with its status (round results travel that way) before the kill lands, and
     * then no task fails.
     */
    private static String killAnExecutorRunningATask(String ui) {
        if (ui == null) {
            return "";
        }
        HttpClient http = HttpClient.newHttpClient();
        try {
            String app = JSON.readTree(get(http, ui + "/api/v1/applications")).path(0).path("id").asText();
            String base = ui + "/api/v1/applications/" + app;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Set<Integer> alreadyRunning = null;
            while (System.nanoTime() < deadline) {
                List<JsonNode> rounds = StreamSupport.stream(
                                JSON.readTree(get(http, base + "/stages?status=active")).spliterator(), false)
                        .filter(stage -> stage.path("name").asText().contains("RoundCollect"))
                        .toList();
                if (alreadyRunning == null) {
                    alreadyRunning = rounds.stream().map(stage -> stage.path("stageId").asInt())
                            .collect(Collectors.toSet());
                    continue;
                }
                for (JsonNode stage : rounds) {
                    if (alreadyRunning.contains(stage.path("stageId").asInt())) {
                        continue;
                    }
                    String tasks = base + "/stages/" + stage.path("stageId").asInt() + "/"
                            + stage.path("attemptId").asInt() + "/taskList?status=RUNNING";
                    for (JsonNode task : JSON.readTree(get(http, tasks))) {
                        String id = task.path("executorId").asText();
                        for (long worker : cluster.workerPids()) {
                            Optional<ProcessHandle> executor = LocalCluster.executorOf(worker)
                                    .filter(p -> p.info().commandLine().orElse("").contains("--executor-id " + id + " "));
                            if (executor.isPresent()) {
                                executor.get().destroyForcibly();
                                return "executor " + id + " (pid " + executor.get().pid() + ") while it ran training task "
                                        + task.path("taskId").asLong() + " of stage " + stage.path("stageId").asInt()
                                        + " (launched " + task.path("launchTime").asText() + ", running for "
                                        + task.path("duration").asText("?") + " ms when seen)";
                            }
                        }
                    }
                }
                Thread.sleep(10);
            }
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void assertAccuracyAboveChance(Path out, ScriptRun run) throws IOException {
        Path report = out.resolve("test-report.json");
        assertTrue(Files.exists(report), () -> "no " + report + ": " + run.describe());
        double accuracy = JSON.readTree(report.toFile()).path("accuracy").asDouble();
        assertTrue(accuracy > 0.5, () -> "test accuracy " + accuracy + " (chance: 0.1)\n" + run.describe());
    }
}
