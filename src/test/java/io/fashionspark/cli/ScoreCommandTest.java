package io.fashionspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fashionspark.data.Checksums;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.model.ModelStore;
import io.fashionspark.score.FolderScorer;
import io.fashionspark.score.ScoreFormat;
import io.fashionspark.score.ScoreManifest;
import io.fashionspark.score.ScoreTable;
import io.fashionspark.score.SmallModel;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code score} as a user runs it: exit codes, printed counts, the output folder and nothing partial. */
class ScoreCommandTest {
    private static final int IMAGES = 60;
    @TempDir
    static Path tmp;
    static Path model;
    static Path pngs;
    static Path mixed;

    @BeforeAll
    static void exportImagesAndSaveAModel() throws IOException {
        model = tmp.resolve("model.zip");
        ModelStore.save(SmallModel.get(), SmallModel.NAMES, LocalFiles.of(model));
        Path idx = tmp.resolve("idx");
        Files.createDirectories(idx);
        SyntheticFashion.write(SyntheticFashion.generate(IMAGES, 21L), idx.resolve("images"), idx.resolve("labels"), true);
        pngs = tmp.resolve("png");
        CliRun export = CliRun.of("export-images", "--images", idx.resolve("images").toString(), "--labels",
                idx.resolve("labels").toString(), "--output", pngs.toString());
        assertEquals(0, export.exitCode(), export.err());
        mixed = Files.createDirectories(tmp.resolve("mixed"));
        List<Path> exported;
        try (Stream<Path> files = Files.walk(pngs)) {
            exported = files.filter(f -> f.toString().endsWith(".png")).sorted().limit(5).toList();
        }
        for (int i = 0; i < exported.size(); i++) {
            Files.copy(exported.get(i), mixed.resolve(i + ".png"));
        }
        byte[] png = Files.readAllBytes(mixed.resolve("0.png"));
        Files.write(mixed.resolve("broken.png"), Arrays.copyOf(png, png.length / 3));
        Files.writeString(mixed.resolve("notes.txt"), "not an image", StandardCharsets.UTF_8);
    }

    private static CliRun score(Path input, Path output, String... extra) {
        List<String> args = new ArrayList<>(List.of("score", "--model", model.toString(), "--input",
                input.toString(), "--output", output.toString(), "--master", "local[2]"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Every entry of {@code dir} except {@code keep}: what a run left beside its output. */
    private static List<String> leftovers(Path dir, String keep) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.equals(keep)).toList();
        }
    }

    @Test
    void scoresAFolderIntoOneCsvFileWithAManifestNamingTheModel() throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("runs-csv"));
        Path out = parent.resolve("scores");

        CliRun run = score(mixed, out);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("scored 5, failed 2 of 7 files"), run.out());
        assertTrue(run.out().contains("e.g. broken.png: expected a complete image, found truncated data"), run.out());
        assertEquals(List.of(), leftovers(parent, "scores"), "no partial folder remains");
        List<String> visible;
        try (Stream<Path> files = Files.list(out)) {
            visible = files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
        assertEquals(3, visible.size(), visible.toString());
        assertEquals(List.of("_SUCCESS", ScoreManifest.FILE_NAME), visible.subList(0, 2));
        assertEquals("part-00000.csv", visible.get(2));
        List<String> lines = Files.readAllLines(out.resolve(visible.get(2)));
        assertEquals(String.join(",", ScoreTable.SCHEMA.fieldNames()), lines.get(0));
        assertEquals(8, lines.size());
        JsonNode manifest = JsonFiles.read(LocalFiles.of(out.resolve(ScoreManifest.FILE_NAME)));
        assertEquals(Checksums.sha256Hex(LocalFiles.of(model)), manifest.get("model").get("sha256").asText());
        assertEquals(model.toAbsolutePath().toString(), manifest.get("model").get("path").asText());
        assertEquals(5, manifest.get("scored").asInt());
        assertEquals(2, manifest.get("failed").asInt());
        assertEquals("auto", manifest.get("invert").asText());
        assertEquals("trim", manifest.get("fit").asText());
        assertFalse(manifest.get("sharpen").asBoolean());
    }

    @ParameterizedTest
    @EnumSource(value = ScoreFormat.class, names = {"PARQUET", "JSON"})
    void parquetAndJsonReadBackWithOneRowPerFile(ScoreFormat format) {
        Path out = tmp.resolve("mixed-" + format.label());

        CliRun run = score(mixed, out, "--format", format.label());

        assertEquals(0, run.exitCode(), run.err());
        Dataset<Row> rows = FolderScorer.read(SparkTestSession.get(), format, LocalFiles.of(out));
        assertEquals(7, rows.count());
        assertEquals(2, rows.filter(rows.col(ScoreTable.ERROR).isNotNull()).count());
        assertEquals(5, rows.filter(rows.col(ScoreTable.LABEL).isNotNull()).count());
    }

    @Test
    void globLimitsTheFilesScored() {
        CliRun run = score(mixed, tmp.resolve("mixed-glob"), "--glob", "[0-4].png");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("scored 5, failed 0 of 5 files"), run.out());
    }

    @Test
    void nothingScoredExitsOneAndWritesNothing() throws IOException {
        Path bad = Files.createDirectories(tmp.resolve("only-bad"));
        Files.copy(mixed.resolve("broken.png"), bad.resolve("broken.png"));
        Files.copy(mixed.resolve("notes.txt"), bad.resolve("notes.txt"));
        Path parent = Files.createDirectories(tmp.resolve("runs-bad"));

        CliRun none = score(bad, parent.resolve("scores"));
        CliRun empty = score(Files.createDirectories(tmp.resolve("empty")), parent.resolve("scores"));

        assertEquals(1, none.exitCode(), none.err());
        assertEquals(1, none.err().lines().count(), none.err());
        assertTrue(none.err().contains("all 2 files failed, e.g. broken.png"), none.err());
        assertEquals(1, empty.exitCode(), empty.err());
        assertTrue(empty.err().contains("no file under"), empty.err());
        assertEquals(List.of(), leftovers(parent, "nothing"), "neither output nor partial folder");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing model      | --model=MISSING                | nope.zip",
        "missing input      | --input=MISSING                | --input: expected a folder of images, found nothing",
        "input is a file    | --input=FILE                   | --input: expected a folder of images, found a file",
        "existing output    | --output=EXISTING              | choose another --output",
        "unknown format     | --format=xml                   | --format: expected one of csv, parquet, json, found xml",
        "unknown invert     | --invert=sometimes             | --invert: expected one of auto, always, never",
        "malformed glob     | --glob=[                       | --glob: expected a file-name pattern",
    })
    void badArgumentsExitTwoWithOneLineBeforeSparkStarts(String name, String option, String message) throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("bad-args-" + name.replace(' ', '-')));
        Path existing = Files.createDirectories(parent.resolve("existing"));
        Files.writeString(existing.resolve("keep.txt"), "untouched");
        String value = option.substring(option.indexOf('=') + 1)
                .replace("MISSING", parent.resolve("nope.zip").toString())
                .replace("FILE", model.toString())
                .replace("EXISTING", existing.toString());
        String key = option.substring(0, option.indexOf('='));
        List<String> args = new ArrayList<>(List.of("score", "--model", model.toString(), "--input",
                pngs.toString(), "--output", parent.resolve("out").toString()));
        int at = args.indexOf(key);
        if (at >= 0) {
            args.set(at + 1, value);
        } else {
            args.addAll(List.of(key, value));
        }
        SparkTestSession.stop();

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertTrue(SparkSession.getDefaultSession().isEmpty(), "no Spark session was started");
        assertEquals(List.of("existing"), leftovers(parent, "nothing"));
        assertEquals(List.of("keep.txt"), leftovers(existing, "nothing"));
    }

    @Test
    void helpDescribesTheCommands() {
        for (String command : List.of("score", "export-images")) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().contains("Usage: fashion-spark " + command), run.out());
        }
        assertFalse(CliRun.of("score", "--help").out().contains("--data-dir"));
    }
}
