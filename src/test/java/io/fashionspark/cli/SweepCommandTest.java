package io.fashionspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fashionspark.config.TrainConfig;
import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep}: one run per worker count and seed in local[N], the summary beside them, and a sweep started again. */
class SweepCommandTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path out;
    static CliRun sweep;

    private static CliRun sweep(String... more) {
        String[] base = {"sweep", "--data-dir", data.toString(), "--out", out.toString(), "--workers", "1,2",
            "--seeds", "3", "--epochs", "1", "--set", "train.batch.size=32", "--set", "optimizer.learning.rate=0.002"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @BeforeAll
    static void sweepOneAndTwoWorkers() throws Exception {
        // Each run starts its own local[N] session: one shared by earlier tests would be joined instead.
        SparkTestSession.stop();
        data = tmp.resolve("data");
        SyntheticFashion.writeDataset(data, 1200, 300, 3, true);
        out = tmp.resolve("sweep");
        sweep = sweep();
    }

    @Test
    void trainsEachWorkerCountInItsOwnLocalMasterAndSummarises() throws Exception {
        assertEquals(0, sweep.exitCode(), sweep.err());
        assertTrue(sweep.out().contains("fashion-spark train: master local[1]"), sweep.out());
        assertTrue(sweep.out().contains("fashion-spark train: master local[2]"), sweep.out());
        assertTrue(sweep.out().contains("one averaging round per epoch (auto for 1 worker)"), sweep.out());
        assertTrue(sweep.out().contains("averaging every 20 minibatches (auto for 2 workers)"), sweep.out());
        JsonNode doc = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        JsonNode rows = doc.get("by_workers");
        assertEquals(2, rows.size());
        // 1,000 training images in minibatches of 32: 32 for one worker in one round; 16 each for two, also in
        // one round (auto: every 20).
        assertEquals(1, rows.get(0).get("workers").asInt());
        assertEquals(32, rows.get(0).get("averaging_frequency").asInt());
        assertEquals(1, rows.get(0).get("rounds_per_epoch").asInt());
        assertEquals(20, rows.get(1).get("averaging_frequency").asInt());
        assertEquals(1, rows.get(1).get("rounds_per_epoch").asInt());
        for (JsonNode run : doc.get("runs")) {
            JsonNode provenance = new ObjectMapper().readTree(out.resolve(run.get("run").asText())
                    .resolve("provenance.json").toFile());
            assertEquals(run.get("averaging_frequency"), provenance.get("averaging_frequency"));
            assertEquals(run.get("workers"), provenance.get("workers"));
            assertEquals("auto", provenance.at("/config/train.averaging.frequency").asText());
            assertEquals(run.get("test_accuracy").asDouble(),
                    new ObjectMapper().readTree(out.resolve(run.get("run").asText()).resolve("test-report.json")
                            .toFile()).get("accuracy").asDouble(), 0.0);
        }
        assertTrue(Files.readString(out.resolve("sweep-accuracy.svg")).startsWith("<svg"));
        assertTrue(Files.readString(out.resolve("sweep-validation.svg")).startsWith("<svg"));
    }

    @Test
    void aSweepStartedAgainKeepsItsFinishedRuns() throws Exception {
        long before = Files.getLastModifiedTime(out.resolve("w2-s3/model.zip")).toMillis();
        CliRun again = sweep();
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("w1-s3: finished earlier, kept"), again.out());
        assertTrue(again.out().contains("w2-s3: finished earlier, kept"), again.out());
        assertFalse(again.out().contains("fashion-spark train:"), again.out());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("w2-s3/model.zip")).toMillis());
    }

    @Test
    void aRunFolderOfOtherSettingsIsRefusedBeforeAnyTraining() {
        CliRun other = sweep("--workers", "4,2", "--set", "train.averaging.frequency=3");
        assertEquals(2, other.exitCode(), other.out());
        assertTrue(other.err().contains("was trained with other settings (train.averaging.frequency"), other.err());
        assertFalse(Files.exists(out.resolve("w4-s3")), "nothing trained");
    }

    @Test
    void theBannerSaysHowOftenWorkersAverageAndWhetherAutoChoseIt() {
        TrainConfig auto = new TrainConfig(20, 128, TrainConfig.AUTO, 0, 1);
        assertEquals("one averaging round per epoch (auto for 1 worker)", ConsoleReport.averaging(auto, 1));
        assertEquals("averaging every 20 minibatches (auto for 2 workers)", ConsoleReport.averaging(auto, 2));
        assertEquals("averaging after every minibatch (auto for 16 workers)", ConsoleReport.averaging(auto, 16));
        assertEquals("averaging every 7 minibatches", ConsoleReport.averaging(new TrainConfig(20, 128, 7, 0, 1), 1));
    }
}
