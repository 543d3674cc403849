package io.fashionspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fashionspark.cli.Main;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.ModelStore;
import io.fashionspark.score.FolderScorer;
import io.fashionspark.score.ScoreFormat;
import io.fashionspark.score.SmallModel;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Photo accuracy: one consistent cell per set and preparation, error rows counted, and the bench command's wiring. */
class PhotoAccuracyTest {
    private static final int COUNT = 8;
    private static final List<String> SETS = List.of("clean-png", "small");
    @TempDir
    static Path tmp;
    static Classifier model;
    static LabeledImages test;
    static PhotoAccuracy.Result result;

    @BeforeAll
    static void measure() throws Exception {
        model = SmallModel.classifier();
        test = SyntheticFashion.generate(30, 17L);
        Path photos = tmp.resolve("photos");
        PhotoSets.write(test, COUNT, 3, SETS.stream().map(PhotoStyle::named).toList(), photos);
        // A file no decoder reads: it must come out as one error row of its set, counted as wrong.
        Files.writeString(photos.resolve("small").resolve(Integer.toString(test.label(0))).resolve("notes.jpg"), "no");
        result = PhotoAccuracy.measure(SparkTestSession.get(), model, LocalFiles.of(photos), SETS, test, COUNT,
                LocalFiles.of(tmp.resolve("scores")));
    }

    @Test
    void everySetAndPreparationHasOneCellWithConsistentCounts() {
        assertEquals(SETS.size() * PhotoAccuracy.PREPARATIONS.size(), result.cells().size());
        for (String set : SETS) {
            for (PhotoAccuracy.Preparation p : PhotoAccuracy.PREPARATIONS) {
                PhotoAccuracy.Cell c = result.cell(set, p.name());
                long errors = set.equals("small") ? 1 : 0;
                assertEquals(COUNT + errors, c.files(), c.toString());
                assertEquals(errors, c.errors(), c.toString());
                assertTrue(c.correct() >= 0 && c.correct() <= c.files() - c.errors(), c.toString());
                assertEquals((double) c.correct() / c.files(), c.accuracy(), 1e-12);
            }
        }
        assertEquals(COUNT, result.idxFirst().images());
        assertEquals(test.count(), result.idxAll().images());
    }

    @Test
    void correctCountsAreTheRowsWhoseLabelIsTheirFoldersName() {
        List<Row> rows = FolderScorer.read(SparkTestSession.get(), ScoreFormat.PARQUET,
                LocalFiles.of(tmp.resolve("scores").resolve("trim"))).collectAsList();
        for (String set : SETS) {
            long correct = rows.stream().filter(r -> r.getString(0).contains("/" + set + "/") && !r.isNullAt(1))
                    .filter(r -> Path.of(r.getString(0)).getParent().getFileName().toString()
                            .equals(Integer.toString(r.getInt(1))))
                    .count();
            assertEquals(correct, result.cell(set, "trim").correct(), set);
        }
    }

    @Test
    void theTableAndJsonNameEverySetAndPreparation() {
        String table = result.format();
        JsonNode json = result.toJson();

        SETS.forEach(s -> assertTrue(table.contains(s), table));
        PhotoAccuracy.PREPARATIONS.forEach(p -> assertTrue(table.contains(p.name()), table));
        assertTrue(table.contains("IDX test"), table);
        assertEquals(SETS.size(), json.get("sets").size());
        assertEquals(PhotoAccuracy.PREPARATIONS.size(), json.get("preparations").size());
        assertEquals(1, json.get("sets").get(1).get("results").get("trim+sharpen").get("errors").asInt());
        assertEquals(test.count(), json.get("idx_test").get("all").get("images").asInt());
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void theBenchCommandMakesTheSetsAndWritesTheTableAndJson() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticFashion.writeDataset(data, 20, 12, 4, true);
        Path modelFile = tmp.resolve("model.zip");
        ModelStore.save(SmallModel.get(), SmallModel.NAMES, LocalFiles.of(modelFile));
        Path photos = tmp.resolve("cli-photos");
        Path json = tmp.resolve("photos.json");

        String[] noModel = run("bench", "--photos", "--data-dir", data.toString());
        String[] zero = run("bench", "--photos", "--model", modelFile.toString(), "--photo-count", "0");
        String[] first = run("bench", "--photos", "--model", modelFile.toString(), "--data-dir", data.toString(),
                "--photo-count", "3", "--photo-dir", photos.toString(), "--json", json.toString(), "--cores", "2");

        assertEquals("2", noModel[0], noModel[2]);
        assertTrue(noModel[2].contains("--model: required with --photos"), noModel[2]);
        assertEquals("2", zero[0], zero[2]);
        assertTrue(zero[2].contains("--photo-count"), zero[2]);
        assertEquals("0", first[0], first[2]);
        PhotoStyle.standard().forEach(s -> assertTrue(first[1].contains(s.name()), first[1]));
        assertTrue(first[2].contains("made (") && !first[2].contains("reused"), first[2]);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(PhotoStyle.standard().size(), doc.get("sets").size());
        assertEquals(3, doc.get("sets").get(0).get("results").get("pad").get("files").asInt());
        assertEquals(12, doc.get("idx_test").get("all").get("images").asInt());
        assertTrue(doc.get("model").get("sha256").asText().length() == 64, doc.get("model").toString());
    }
}
