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
 * Kill-and-resume: a run SIGKILLed in epoch 3 of 5 and resumed records each epoch once, splits
 * as an uninterrupted run does, and ends within a point of its accuracy.
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

    @Test
    void runKilledInEpochThreeResumesToTheSameResultAsAnUninterruptedRun() throws Exception {
        Path killed = tmp.resolve("killed");
        killAfterEpoch(killed, 2);
        assertTrue(Files.exists(killed.resolve(RunLock.FILE)), "the killed run left its lock behind");
        assertFalse(Files.exists(killed.resolve("test-report.json")));
        int before = metrics(killed).size();
        assertTrue(before >= 2 && before < 5, "epochs recorded before the kill: " + before);

        CliRun resumed = CliRun.of("train", "--resume", killed.toString(), "--master", "local[2]");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("Resuming " + killed + " after epoch " + before), resumed.out());

        Path straight = tmp.resolve("straight");
        CliRun uninterrupted = CliRun.of(trainArgs(straight, 5));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());

        List<JsonNode> a = metrics(killed);
        List<JsonNode> b = metrics(straight);
        assertEquals(List.of(0, 1, 2, 3, 4), a.stream().map(m -> m.get("epoch").asInt()).toList(),
                "each epoch exactly once");
        for (int e = 0; e < 5; e++) {
            assertEquals(b.get(e).get("split_seed").asLong(), a.get(e).get("split_seed").asLong(), "split of epoch " + e);
            assertEquals(b.get(e).get("learning_rate").asDouble(), a.get(e).get("learning_rate").asDouble(), 0.0);
        }
        assertEquals(accuracy(straight), accuracy(killed), 0.01);
        assertFalse(Files.exists(killed.resolve(RunLock.FILE)), "lock released");
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
