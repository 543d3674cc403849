package io.fashionspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fashionspark.config.ConfigLoader;
import io.fashionspark.config.DataConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.data.Checksums;
import io.fashionspark.data.DatasetFiles;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.ModelStore;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SyntheticFashion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code train}, then {@code evaluate} and {@code predict} on its model, as a user would. */
class TrainCommandTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path run;
    static CliRun train;

    @BeforeAll
    static void trainTwoEpochs() throws Exception {
        data = tmp.resolve("data");
        SyntheticFashion.writeDataset(data, 1200, 300, 3, true);
        run = tmp.resolve("runs/first");
        train = CliRun.of("train", "--data-dir", data.toString(), "--out", run.toString(), "--master", "local[2]",
                "--epochs", "2", "--batch-size", "32", "--learning-rate", "0.002", "--seed", "5",
                "--set", "train.averaging.frequency=4");
    }

    @Test
    void trainExitsZeroAndPrintsOneLinePerEpochAndTheResult() {
        assertEquals(0, train.exitCode(), train.err());
        assertEquals(2, train.out().lines().filter(l -> l.startsWith("epoch ")).count(), train.out());
        assertTrue(train.out().contains("test accuracy"), train.out());
        assertTrue(train.out().contains("predictions for the first 10 test images"), train.out());
    }

    @Test
    void runFolderHoldsEveryOutputAndNoPartialFolderRemains() throws Exception {
        for (String f : List.of("model.zip", "metrics.jsonl", "test-report.json", "config.properties",
                "provenance.json")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        try (Stream<Path> siblings = Files.list(run.getParent())) {
            assertEquals(List.of(run), siblings.toList());
        }
    }

    @Test
    void runFolderHasASelfContainedReportPageWithItsCharts() throws Exception {
        String html = Files.readString(run.resolve("report.html"));
        for (String id : List.of("chart-loss", "chart-accuracy", "chart-learning-rate", "chart-confusion")) {
            assertTrue(html.contains("<svg id=\"" + id + "\""), id);
        }
        assertEquals(40, html.split("<img ", -1).length - 1);
        for (String png : List.of("curves.png", "learning-rate.png", "confusion.png")) {
            assertTrue(Files.isRegularFile(run.resolve(png)), png);
        }
        assertTrue(train.out().lines().filter(l -> l.startsWith("epoch  1/2")).allMatch(l -> l.contains(" eta ")),
                train.out());
        assertFalse(train.out().contains("\r"), "no progress bar when stdout is not a terminal");
    }

    @Test
    void metricsHaveOneCompleteLinePerEpoch() throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(2, lines.size());
        for (int e = 0; e < 2; e++) {
            JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(e));
            assertEquals(e, m.get("epoch").asInt());
            for (String key : List.of("train_loss", "val_loss", "val_accuracy", "learning_rate", "seconds")) {
                assertTrue(m.get(key).isNumber(), key);
            }
            assertEquals(0.002 * (2 - e) / 2, m.get("learning_rate").asDouble(), 1e-12);
        }
    }

    @Test
    void testReportBeatsChanceAndNamesItsModel() throws Exception {
        JsonNode report = JsonFiles.read(LocalFiles.of(run.resolve("test-report.json")));
        assertTrue(report.get("accuracy").asDouble() > 0.5, report.toString());
        assertEquals(300, report.get("examples").asInt());
        assertEquals(10, report.get("per_class").size());
        assertEquals("Trouser", report.get("per_class").get(1).get("name").asText());
        assertEquals(10, report.get("confusion_matrix").size());
        assertTrue(report.get("model").asText().endsWith("model.zip"));
    }

    @Test
    void configFileHoldsTheEffectiveConfiguration() throws Exception {
        Properties p = ConfigLoader.read(LocalFiles.of(run.resolve("config.properties")));
        RunConfig c = RunConfig.fromProperties(p);
        assertEquals(2, c.train().epochs());
        assertEquals(32, c.train().batchSize());
        assertEquals(4, c.train().averagingFrequency());
        assertEquals(0.002, c.optimizer().learningRate(), 0);
        assertEquals(data.toString(), c.data().dir().toString());
    }

    @Test
    void provenanceRecordsInputsSeedsAndVersions() throws Exception {
        JsonNode p = JsonFiles.read(LocalFiles.of(run.resolve("provenance.json")));
        DatasetFiles files = DatasetFiles.locate(LocalFiles.of(data));
        assertEquals(4, p.get("inputs").size());
        assertEquals(Checksums.sha256Hex(files.trainImages()), p.get("inputs").get(0).get("sha256").asText());
        assertEquals(Files.size(files.trainImages().localPath()), p.get("inputs").get(0).get("bytes").asLong());
        assertEquals(2, p.get("split_seeds").size());
        assertEquals(1000, p.get("split_rows").get(0).get(0).asLong());
        assertEquals(200, p.get("split_rows").get(0).get(1).asLong());
        assertEquals("3.5.9", p.get("build").get("spark_version").asText());
        assertEquals("1.0.0-M2", p.get("build").get("dl4j_version").asText());
        assertTrue(p.get("timings").get("train_seconds").asDouble() > 0);
        assertEquals("local[2]", p.get("master").asText());
    }

    @Test
    void evaluateReproducesTheRunsTestAccuracy() throws Exception {
        Path reportFile = tmp.resolve("eval.json");
        CliRun eval = CliRun.of("evaluate", "--data-dir", data.toString(), "--model", run.resolve("model.zip").toString(),
                "--master", "local[2]", "--report", reportFile.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        double trained = JsonFiles.read(LocalFiles.of(run.resolve("test-report.json"))).get("accuracy").asDouble();
        assertEquals(trained, JsonFiles.read(LocalFiles.of(reportFile)).get("accuracy").asDouble(), 0.0);
        assertTrue(eval.out().contains("confusion matrix"));
        String html = Files.readString(tmp.resolve("eval.html"));
        assertTrue(html.contains("<svg id=\"chart-confusion\""), "confusion matrix in the evaluation page");
        assertFalse(html.contains("<svg id=\"chart-loss\""), "an evaluation has no learning curves");
        assertEquals(40, html.split("<img ", -1).length - 1);
        assertTrue(Files.isRegularFile(tmp.resolve("eval-confusion.png")));
    }

    @Test
    void predictPrintsTheRequestedNumberOfImages() {
        CliRun predict = CliRun.of("predict", "--data-dir", data.toString(), "--model",
                run.resolve("model.zip").toString(), "--count", "3");
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(3, predict.out().lines().filter(l -> l.trim().startsWith("#")).count(), predict.out());
    }

    @Test
    void savedModelLoadsBack() throws Exception {
        Classifier loaded = ModelStore.load(LocalFiles.of(run.resolve("model.zip")));
        assertEquals(576_810, loaded.parameterCount());
        assertEquals(DataConfig.FASHION_MNIST_CLASSES, loaded.classNames());
    }

    @Test
    void anExistingRunFolderIsRefusedAndLeftAlone() throws Exception {
        long before = Files.size(run.resolve("model.zip"));
        CliRun again = CliRun.of("train", "--data-dir", data.toString(), "--out", run.toString(), "--epochs", "1");
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("already exists"), again.err());
        assertEquals(before, Files.size(run.resolve("model.zip")));
        assertFalse(again.err().contains("\tat "), "no stack trace without --verbose");
    }
}
