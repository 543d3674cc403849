package io.fashionspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fashionspark.data.DatasetFiles;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.ModelStore;
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
 * Class names are data ({@code data.class.names}): a run on digits names its classes "zero".."nine"
 * everywhere a class is named, and a dataset of three classes trains a three-output network.
 */
class ClassNamesTest {
    static final List<String> DIGITS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine");
    static final String DIGIT_NAMES = String.join(",", DIGITS);

    @TempDir
    static Path tmp;
    static Path data;
    static Path run;
    static CliRun train;

    @BeforeAll
    static void trainOnDigits() throws Exception {
        data = tmp.resolve("digits");
        SyntheticFashion.writeDataset(data, 600, 200, 11, true);
        run = tmp.resolve("runs/digits");
        train = CliRun.of("train", "--data-dir", data.toString(), "--out", run.toString(), "--master", "local[2]",
                "--epochs", "1", "--batch-size", "32", "--set", "data.class.names=" + DIGIT_NAMES);
    }

    @Test
    void printedPredictionsAndPerClassTableUseTheGivenNames() {
        assertEquals(0, train.exitCode(), train.err());
        List<String> predictions = train.out().lines().filter(l -> l.startsWith("  #")).toList();
        assertEquals(10, predictions.size(), train.out());
        for (String line : predictions) {
            assertTrue(DIGITS.stream().anyMatch(n -> line.contains(" " + n + " ")), line);
        }
        assertFalse(train.out().contains("T-shirt/top"), train.out());
        assertTrue(train.out().lines().anyMatch(l -> l.startsWith("seven ")), train.out());
    }

    @Test
    void runFolderAndModelRecordTheNames() throws Exception {
        assertTrue(Files.readString(run.resolve("config.properties")).contains("data.class.names=" + DIGIT_NAMES));
        JsonNode report = JsonFiles.read(LocalFiles.of(run.resolve("test-report.json")));
        List<String> names = new ArrayList<>();
        report.get("class_names").forEach(n -> names.add(n.asText()));
        assertEquals(DIGITS, names);
        report.get("predictions").forEach(p -> assertEquals(DIGITS.get(p.get("predicted_label").asInt()),
                p.get("predicted_name").asText()));
        assertEquals(DIGITS, ModelStore.load(LocalFiles.of(run.resolve("model.zip"))).classNames());
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains(">eight<") || html.contains("eight ("), "report names the classes");
        assertFalse(html.contains("Ankle boot"));
    }

    @Test
    void predictAndScoreNameClassesAsTheModelDoes() throws Exception {
        CliRun predict = CliRun.of("predict", "--model", run.resolve("model.zip").toString(), "--data-dir",
                data.toString(), "--count", "5");
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(5, predict.out().lines().filter(l -> l.startsWith("  #")).count(), predict.out());
        assertFalse(predict.out().contains("T-shirt/top"), predict.out());

        Path pngs = tmp.resolve("pngs");
        DatasetFiles files = DatasetFiles.locate(LocalFiles.of(data));
        assertEquals(0, CliRun.of("export-images", "--images", files.testImages().toString(), "--labels",
                files.testLabels().toString(), "--output", pngs.toString(), "--limit", "20").exitCode());
        Path scores = tmp.resolve("scores");
        CliRun score = CliRun.of("score", "--model", run.resolve("model.zip").toString(), "--input", pngs.toString(),
                "--output", scores.toString(), "--master", "local[2]");
        assertEquals(0, score.exitCode(), score.err());
        Path csv;
        try (var parts = Files.list(scores)) {
            csv = parts.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        List<String> rows = Files.readAllLines(csv);
        assertEquals(21, rows.size());
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            assertEquals(DIGITS.get(Integer.parseInt(cells[1])), cells[2], row);
        }
    }

    @Test
    void threeNamesTrainAThreeClassNetwork() throws Exception {
        Path three = tmp.resolve("three");
        Files.createDirectories(three);
        writeModulo(SyntheticFashion.generate(300, 4), three, DatasetFiles.TRAIN_IMAGES, DatasetFiles.TRAIN_LABELS);
        writeModulo(SyntheticFashion.generate(90, 5), three, DatasetFiles.TEST_IMAGES, DatasetFiles.TEST_LABELS);
        Path out = tmp.resolve("runs/three");
        CliRun run3 = CliRun.of("train", "--data-dir", three.toString(), "--out", out.toString(), "--master",
                "local[2]", "--epochs", "1", "--batch-size", "32", "--set", "data.class.names=low,middle,high");
        assertEquals(0, run3.exitCode(), run3.err());
        assertTrue(run3.out().contains("784-512-256-128-64-32-3"), run3.out());
        Classifier model = ModelStore.load(LocalFiles.of(out.resolve("model.zip")));
        assertEquals(List.of("low", "middle", "high"), model.classNames());
        assertEquals(3, model.probabilities(List.of(new byte[784]))[0].length);
    }

    @Test
    void labelsBeyondTheNamedClassesAreRefusedNamingTheFile() {
        CliRun bad = CliRun.of("train", "--data-dir", data.toString(), "--out", tmp.resolve("runs/bad").toString(),
                "--epochs", "1", "--set", "data.class.names=a,b,c");
        assertEquals(2, bad.exitCode(), bad.out());
        assertTrue(bad.err().startsWith("train: train-labels-idx1-ubyte.gz: expected labels in 0..2, found "),
                bad.err());
        assertFalse(Files.exists(tmp.resolve("runs/bad")));
    }

    @Test
    void badClassNamesAreRefusedNamingTheKey() {
        for (String names : List.of("one", "a,,b", "a,b,a", "a,b,")) {
            CliRun bad = CliRun.of("train", "--data-dir", data.toString(), "--out", tmp.resolve("runs/x").toString(),
                    "--set", "data.class.names=" + names);
            assertEquals(2, bad.exitCode(), names + ": " + bad.out());
            assertTrue(bad.err().startsWith("train: data.class.names: expected "), bad.err());
        }
    }

    /** Writes {@code set} with every label taken modulo 3. */
    private static void writeModulo(LabeledImages set, Path dir, String images, String labels) throws Exception {
        byte[] three = set.labels().clone();
        for (int i = 0; i < three.length; i++) {
            three[i] = (byte) (three[i] % 3);
        }
        SyntheticFashion.write(new LabeledImages("three", set.rows(), set.cols(), set.pixels(), three),
                dir.resolve(images), dir.resolve(labels), false);
    }
}
