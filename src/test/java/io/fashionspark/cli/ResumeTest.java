package io.fashionspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.run.RunLock;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SyntheticFashion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill-and-resume: a run SIGKILLed at any point (before its first checkpoint, inside an epoch,
 * between a checkpoint and the metrics line of its epoch) and resumed records each epoch once,
 * splits as an uninterrupted run does, and ends with its parameters, bit for bit.
 */
class ResumeTest {
    @TempDir
    static Path tmp;
    static Path data;

    static String[] trainArgs(Path out, int epochs) {
        return new String[] {"train", "--data-dir", data.toString(), "--out", out.toString(), "--master", "local[2]",
            "--epochs", Integer.toString(epochs), "--batch-size", "32", "--learning-rate", "0.002", "--seed", "21"};
    }

    @BeforeAll
    static void data() throws Exception {
        data = tmp.resolve("data");
        SyntheticFashion.writeDataset(data, 3000, 600, 17, true);
    }

    private static List<JsonNode> metrics(Path run) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            out.add(new ObjectMapper().readTree(line));
        }
        return out;
    }

    private static double accuracy(Path run) throws Exception {
        return JsonFiles.read(LocalFiles.of(run.resolve("test-report.json"))).get("accuracy").asDouble();
    }

    /** Starts a run in its own JVM and SIGKILLs it shortly after epoch {@code after} was reported. */
    static void killAfterEpoch(Path run, int after) throws Exception {
        TrainProcess p = TrainProcess.start(tmp.resolve("killed.log"), trainArgs(run, 5));
        assertTrue(p.awaitLine(l -> l.startsWith("epoch " + String.format("%2d", after) + "/")), "epoch line: " + p.lines());
        Thread.sleep(400);
        p.kill();
    }

    private static String parameters(Path run) throws Exception {
        return JsonFiles.read(LocalFiles.of(run.resolve("provenance.json"))).get("parameters_sha256").asText();
    }

    /** Starts a run in its own JVM and SIGKILLs it as soon as a stdout line matches. */
    static void killAt(Path run, java.util.function.Predicate<String> line, long delayMillis) throws Exception {
        TrainProcess p = TrainProcess.start(tmp.resolve(run.getFileName() + ".log"), trainArgs(run, 5));
        assertTrue(p.awaitLine(line), "expected line: " + p.lines());
        Thread.sleep(delayMillis);
        p.kill();
    }

    private static CliRun resumeAndCompare(Path run, String uninterrupted, List<JsonNode> straight) throws Exception {
        CliRun resumed = CliRun.of("train", "--resume", run.toString(), "--master", "local[2]");
        assertEquals(0, resumed.exitCode(), resumed.err());
        List<JsonNode> a = metrics(run);
        assertEquals(List.of(0, 1, 2, 3, 4), a.stream().map(m -> m.get("epoch").asInt()).toList(),
                "each epoch exactly once");
        for (int e = 0; e < 5; e++) {
            assertEquals(straight.get(e).get("split_seed").asLong(), a.get(e).get("split_seed").asLong(), "split " + e);
            assertEquals(straight.get(e).get("param_sha256").asText(), a.get(e).get("param_sha256").asText(),
                    "parameters after epoch " + e);
        }
        assertEquals(uninterrupted, parameters(run), "final parameters, bit for bit");
        assertFalse(Files.exists(run.resolve(RunLock.FILE)), "lock released");
        return resumed;
    }

    @Test
    void runsKilledAtAnyPointResumeToTheParametersOfAnUninterruptedRun() throws Exception {
        Path straight = tmp.resolve("straight");
        CliRun uninterrupted = CliRun.of(trainArgs(straight, 5));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());
        String expected = parameters(straight);
        List<JsonNode> straightMetrics = metrics(straight);

        // Inside the first epoch: no checkpoint yet, the resume starts from scratch.
        Path first = tmp.resolve("killed-in-1");
        killAt(first, l -> l.startsWith("fashion-spark train:"), 1500);
        assertFalse(Files.exists(first.resolve("checkpoints/epoch-0001")), "killed before the first checkpoint");
        assertTrue(resumeAndCompare(first, expected, straightMetrics).out()
                .contains("Resuming " + first + " from the start (it stopped before its first checkpoint)"));

        // Inside epoch 3, after two checkpoints.
        Path third = tmp.resolve("killed-in-3");
        killAt(third, l -> l.startsWith("epoch  2/"), 400);
        assertTrue(Files.exists(third.resolve(RunLock.FILE)), "the killed run left its lock behind");
        assertFalse(Files.exists(third.resolve("test-report.json")));
        CliRun shown = CliRun.of("train", "--resume", third.toString(), "--master", "local[2]");
        assertEquals(0, shown.exitCode(), shown.err());
        assertTrue(shown.out().contains("Resuming " + third + " after epoch "), shown.out());
        assertEquals(expected, parameters(third), "final parameters, bit for bit");

        // Between a checkpoint and the metrics line naming its epoch: epoch 4's checkpoint is
        // complete, metrics.jsonl does not list epoch 4 yet.
        Path between = tmp.resolve("killed-between");
        killAt(between, l -> l.startsWith("epoch  4/"), 0);
        List<String> lines = Files.readAllLines(between.resolve("metrics.jsonl"));
        assertTrue(Files.exists(between.resolve("checkpoints/epoch-0004")), "epoch 4's checkpoint is there");
        Files.write(between.resolve("metrics.jsonl"), lines.subList(0, 3));
        resumeAndCompare(between, expected, straightMetrics);
    }

    @Test
    void resumingAFinishedRunSaysSoAndDoesNothing() throws Exception {
        Path run = tmp.resolve("finished");
        assertEquals(0, CliRun.of(trainArgs(run, 1)).exitCode());
        long modified = Files.getLastModifiedTime(run.resolve("model.zip")).toMillis();
        CliRun again = CliRun.of("train", "--resume", run.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("already complete"), again.out());
        assertEquals(modified, Files.getLastModifiedTime(run.resolve("model.zip")).toMillis());
    }

    @Test
    void divergenceStopsTheRunAndTheLastCheckpointResumesWithALowerRate() throws Exception {
        Path run = tmp.resolve("diverging");
        killAfterEpoch(run, 1);
        CliRun changed = CliRun.of("train", "--resume", run.toString(), "--learning-rate", "1e12");
        assertEquals(2, changed.exitCode(), "a changed setting needs --allow-config-change");
        assertTrue(changed.err().contains("optimizer.learning.rate: 0.002 -> 1.0E12"), changed.err());

        CliRun diverged = CliRun.of("train", "--resume", run.toString(), "--learning-rate", "1e12",
                "--allow-config-change", "--master", "local[2]");
        assertEquals(1, diverged.exitCode(), diverged.out());
        assertTrue(diverged.err().contains("training diverged in epoch"), diverged.err());
        assertTrue(diverged.out().contains("--allow-config-change --learning-rate"), diverged.out());
        int kept = metrics(run).size();
        assertTrue(kept >= 1, "metrics of the good epochs stay");

        CliRun recovered = CliRun.of("train", "--resume", run.toString(), "--learning-rate", "0.001",
                "--allow-config-change", "--master", "local[2]");
        assertEquals(0, recovered.exitCode(), recovered.err());
        assertEquals(5, metrics(run).size());
        assertTrue(accuracy(run) > 0.5, "resumed from the last good checkpoint");
    }
}
