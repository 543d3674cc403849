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
        Path data = work.resolve("data-small");
        SyntheticFashion.writeDataset(data, 3000, 500, 7L, true);
        Path out = work.resolve("run-both-executors");

        ScriptRun run = train(data, out, 2, null);

        assertEquals(0, run.exitCode(), run::describe);
        assertAccuracyAboveChance(out, run);
        JsonNode provenance = JSON.readTree(out.resolve("provenance.json").toFile());
        assertEquals(cluster.masterUrl(), provenance.path("master").asText(), run::describe);
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
        // Large enough that an epoch takes several seconds, so the kill lands inside one.
        Path data = work.resolve("data-larger");
        SyntheticFashion.writeDataset(data, 6000, 500, 8L, true);
        Path out = work.resolve("run-executor-lost");
        AtomicReference<String> killed = new AtomicReference<>();
        Consumer<String> killAfterFirstEpoch = line -> {
            if (EPOCH_LINE.matcher(line).matches() && killed.get() == null) {
                killed.set(killOneExecutor());
            }
        };

        ScriptRun run = train(data, out, 3, killAfterFirstEpoch);

        assertNotNull(killed.get(), () -> "no epoch line or no executor to kill: " + run.describe());
        assertFalse(killed.get().isEmpty(), () -> "no executor process found under the workers: " + run.describe());
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().stream().anyMatch(l -> l.contains("lost during epoch")),
                () -> "killed " + killed.get() + ", but no 'lost during epoch' line: " + run.describe());
        JsonNode provenance = JSON.readTree(out.resolve("provenance.json").toFile());
        assertTrue(provenance.path("executor_losses").size() > 0,
                () -> "executor_losses is empty after killing " + killed.get() + ": " + provenance);
        assertAccuracyAboveChance(out, run);
    }

    private static ScriptRun train(Path data, Path out, int epochs, Consumer<String> onLine)
            throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(cluster.environment());
        env.put("MASTER", cluster.masterUrl());
        List<String> command = List.of(root.resolve("submit/train.sh").toString(),
                "--data-dir", data.toString(), "--out", out.toString(), "--epochs", String.valueOf(epochs),
                "--batch-size", "32", "--learning-rate", "0.002");
        return ScriptRun.run(command, root, env, work.resolve(out.getFileName() + ".stderr"), RUN_TIMEOUT, onLine);
    }

    /** SIGKILLs the executor JVM of the first worker that has one; empty if none was found. */
    private static String killOneExecutor() {
        try {
            for (long worker : cluster.workerPids()) {
                Optional<ProcessHandle> executor = LocalCluster.executorOf(worker);
                if (executor.isPresent()) {
                    executor.get().destroyForcibly();
                    return "executor pid " + executor.get().pid() + " of worker pid " + worker;
                }
            }
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertAccuracyAboveChance(Path out, ScriptRun run) throws IOException {
        Path report = out.resolve("test-report.json");
        assertTrue(Files.exists(report), () -> "no " + report + ": " + run.describe());
        double accuracy = JSON.readTree(report.toFile()).path("accuracy").asDouble();
        assertTrue(accuracy > 0.5, () -> "test accuracy " + accuracy + " (chance: 0.1)\n" + run.describe());
    }
}
