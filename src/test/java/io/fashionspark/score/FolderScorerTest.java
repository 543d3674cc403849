package io.fashionspark.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.data.LabeledImages;
import io.fashionspark.eval.Prediction;
import io.fashionspark.eval.Predictor;
import io.fashionspark.model.Classifier;
import io.fashionspark.files.Location;
import io.fashionspark.files.Locations;
import io.fashionspark.testing.DeniedFileSystem;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Scoring folders with Spark: exact agreement with the network on IDX data, every format, bad files. */
class FolderScorerTest {
    private static final int COUNT = 300;
    @TempDir
    static Path tmp;
    static Classifier model;
    static LabeledImages test;
    static Path pngs;
    static Map<Integer, Prediction> reference = new HashMap<>();

    @BeforeAll
    static void exportTestSet() throws IOException {
        model = SmallModel.classifier();
        test = SyntheticFashion.generate(COUNT, 99L);
        pngs = Files.createDirectories(tmp.resolve("png"));
        PngExporter.export(test, COUNT, LocalFiles.of(pngs));
        for (Prediction p : Predictor.predictFirst(model, test, COUNT)) {
            reference.put(p.index(), p);
        }
    }

    private static GrayImage image(int i) {
        return new GrayImage(28, 28, test.image(i));
    }

    /** A scoring run's summary and its output rows by path relative to the input folder. */
    private record Scored(ScoreSummary summary, Map<String, Row> rows) {
    }

    private static Scored score(Path input, InvertMode invert, String glob, ScoreFormat format) {
        return score(input, new PrepareOptions(invert, FitMode.TRIM, false), glob, format);
    }

    private static Scored score(Path input, PrepareOptions prepare, String glob, ScoreFormat format) {
        Path out = tmp.resolve("out-" + System.nanoTime());
        var spark = SparkTestSession.get();
        ScoreSummary summary = FolderScorer.score(spark, model,
                new ScoreRequest(LocalFiles.of(input), LocalFiles.of(out), format, prepare, glob), LocalFiles.of(out));
        Map<String, Row> rows = new HashMap<>();
        for (Row r : FolderScorer.read(spark, format, LocalFiles.of(out)).collectAsList()) {
            // Spark's path column is Hadoop's unescaped form (spaces and % as they are).
            rows.put(input.relativize(Path.of(new org.apache.hadoop.fs.Path(r.getString(0)).toUri().getPath())).toString(), r);
        }
        return new Scored(summary, rows);
    }

    private static Map<String, Row> score(Path input, InvertMode invert) {
        return score(input, invert, null, ScoreFormat.CSV).rows();
    }

    @Test
    void pngsExportedFromIdxPredictExactlyAsTheNetworkOnTheIdxData() {
        Map<String, Row> rows = score(pngs, InvertMode.AUTO);

        assertEquals(COUNT, rows.size());
        for (int i = 0; i < COUNT; i++) {
            Row row = rows.get(PngExporter.relativeName(test.label(i), i, PngExporter.MIN_DIGITS));
            Prediction expected = reference.get(i);
            assertNull(row.getAs(ScoreTable.ERROR));
            assertEquals(expected.predictedLabel(), (int) row.getAs(ScoreTable.LABEL), "image " + i);
            assertEquals(expected.predictedName(), row.getAs(ScoreTable.CLASS_NAME));
            assertEquals(expected.probability(), (float) row.getAs(ScoreTable.PROBABILITY), 1e-5);
            assertFalse((boolean) row.getAs(ScoreTable.INVERTED));
        }
        long correct = reference.values().stream().filter(Prediction::correct).count();
        assertTrue(correct > 0.5 * COUNT, "the model beats chance: " + correct);
    }

    @Test
    void foldersWithSpacesAndPercentSignsInTheirNamesScore() throws IOException {
        Path odd = tmp.resolve("new photos 100% cotton");
        Files.createDirectories(odd.resolve("sub dir"));
        for (int i = 0; i < 5; i++) {
            Path png = pngs.resolve(PngExporter.relativeName(test.label(i), i, PngExporter.MIN_DIGITS));
            Files.copy(png, odd.resolve("sub dir").resolve("item #" + i + ".png"));
        }
        Scored scored = score(odd, InvertMode.AUTO, null, ScoreFormat.CSV);
        assertEquals(5, scored.summary().scored(), scored.rows().toString());
        assertEquals(0, scored.summary().failed());
    }

    @Test
    void everyFormatSizeAndColourModeScores() throws IOException {
        Path dir = tmp.resolve("mixed");
        String[] lossless = {"gray.png", "rgb.bmp", "palette.gif", "alpha.png"};
        for (int i = 0; i < 40; i++) {
            GrayImage g = image(i);
            BufferedImage[] variants = {ImageFiles.gray(g), ImageFiles.rgb(g), ImageFiles.palette(g),
                ImageFiles.whiteWithAlpha(g)};
            for (int v = 0; v < lossless.length; v++) {
                String name = lossless[v];
                ImageFiles.write(variants[v], name.substring(name.indexOf('.') + 1), dir.resolve(i + "-" + name));
            }
            ImageFiles.write(ImageFiles.rgb(g), "jpeg", dir.resolve(i + "-rgb.jpg"));
            ImageFiles.write(ImageFiles.tinted(ImageFiles.bilinear(g, 40, 56)), "png", dir.resolve(i + "-tinted-40x56.png"));
            ImageFiles.write(ImageFiles.gray(ImageFiles.bilinear(g, 100, 100)), "bmp", dir.resolve(i + "-100x100.bmp"));
        }

        Map<String, Row> rows = score(dir, InvertMode.AUTO);

        assertEquals(40 * 7, rows.size());
        rows.forEach((name, row) -> assertNull(row.getAs(ScoreTable.ERROR), name));
        for (int i = 0; i < 40; i++) {
            for (String name : lossless) {
                assertEquals(reference.get(i).predictedLabel(), (int) rows.get(i + "-" + name).getAs(ScoreTable.LABEL),
                        i + "-" + name);
            }
            assertEquals(40, (int) rows.get(i + "-tinted-40x56.png").getAs(ScoreTable.WIDTH));
            assertEquals(56, (int) rows.get(i + "-tinted-40x56.png").getAs(ScoreTable.HEIGHT));
        }
    }

    @Test
    void aSmoothlyEnlargedCopyPredictsLikeTheOriginalInMostCases() throws IOException {
        Path dir = tmp.resolve("enlarged");
        for (int i = 0; i < 100; i++) {
            ImageFiles.write(ImageFiles.gray(ImageFiles.bilinear(image(i), 56, 56)), "png", dir.resolve(i + ".png"));
        }

        // The generated images have noise up to their edges, so there are no margins to trim:
        // this compares the shrinking alone.
        Map<String, Row> rows = score(dir, new PrepareOptions(InvertMode.AUTO, FitMode.PAD, false), null,
                ScoreFormat.CSV).rows();

        long same = rows.entrySet().stream().filter(e -> (int) e.getValue().getAs(ScoreTable.LABEL)
                == reference.get(Integer.parseInt(e.getKey().replace(".png", ""))).predictedLabel()).count();
        assertEquals(100, rows.size());
        assertTrue(same >= 90, same + " of 100 agree");
    }

    @Test
    void autoInvertTurnsDarkOnLightCopiesBack() throws IOException {
        Path dir = tmp.resolve("negatives");
        for (int i = 0; i < 100; i++) {
            ImageFiles.write(ImageFiles.gray(ImagePreprocessor.invert(image(i))), "png", dir.resolve(i + ".png"));
        }

        Map<String, Row> auto = score(dir, InvertMode.AUTO);
        Map<String, Row> never = score(dir, InvertMode.NEVER);

        long same = auto.entrySet().stream().filter(e -> (int) e.getValue().getAs(ScoreTable.LABEL)
                == reference.get(Integer.parseInt(e.getKey().replace(".png", ""))).predictedLabel()).count();
        assertTrue(same >= 90, same + " of 100 agree");
        assertTrue(auto.values().stream().allMatch(r -> (boolean) r.getAs(ScoreTable.INVERTED)));
        assertTrue(never.values().stream().noneMatch(r -> (boolean) r.getAs(ScoreTable.INVERTED)));
    }

    private static Path folderWithBadFiles() throws IOException {
        Path dir = tmp.resolve("bad");
        if (Files.exists(dir)) {
            return dir;
        }
        for (int i = 0; i < 20; i++) {
            ImageFiles.write(ImageFiles.gray(image(i)), "png", dir.resolve("sub/" + i + ".png"));
        }
        byte[] png = Files.readAllBytes(dir.resolve("sub/0.png"));
        Files.write(dir.resolve("broken.png"), Arrays.copyOf(png, png.length / 2));
        Files.writeString(dir.resolve("notes.txt"), "not an image", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(".hidden.png"), "skipped by Spark's listing", StandardCharsets.UTF_8);
        return dir;
    }

    @Test
    void corruptAndNonImageFilesGetErrorRowsWhileTheRestScore() throws IOException {
        Scored scored = score(folderWithBadFiles(), InvertMode.AUTO, null, ScoreFormat.CSV);
        Map<String, Row> rows = scored.rows();

        assertEquals(22, rows.size());
        assertEquals(22, scored.summary().files());
        assertEquals(20, scored.summary().scored());
        String broken = rows.get("broken.png").getAs(ScoreTable.ERROR);
        String notes = rows.get("notes.txt").getAs(ScoreTable.ERROR);
        assertTrue(broken.startsWith("broken.png: expected a complete image, found truncated data"), broken);
        assertTrue(notes.startsWith("notes.txt: expected a PNG, JPEG, BMP or GIF image"), notes);
        assertNull(rows.get("broken.png").getAs(ScoreTable.LABEL));
        assertEquals(List.of(broken, notes), scored.summary().sampleErrors());
        for (int i = 0; i < 20; i++) {
            assertEquals(reference.get(i).predictedLabel(), (int) rows.get("sub/" + i + ".png").getAs(ScoreTable.LABEL));
        }
    }

    @Test
    void filesThatCannotBeReadBecomeErrorRowsAndTheJobGoesOn() throws Exception {
        Path dir = tmp.resolve("unreadable");
        for (int i = 0; i < 3; i++) {
            ImageFiles.write(ImageFiles.gray(image(i)), "png", dir.resolve("ok/" + i + ".png"));
        }
        Files.write(dir.resolve("empty.png"), new byte[0]);
        ImageFiles.write(ImageFiles.gray(image(3)), "png", dir.resolve("secret.png"));
        // The same folder through a file system that refuses to open secret.png (tests run as
        // root, for whom every local file is readable).
        var conf = SparkTestSession.get().sparkContext().hadoopConfiguration();
        conf.set("fs." + DeniedFileSystem.SCHEME + ".impl", DeniedFileSystem.class.getName());
        Location input = new Locations(conf).of(DeniedFileSystem.SCHEME + ":" + dir.toAbsolutePath(), "--input");
        Path out = tmp.resolve("unreadable-out");

        ScoreSummary summary = FolderScorer.score(SparkTestSession.get(), model,
                new ScoreRequest(input, LocalFiles.of(out), ScoreFormat.JSON, PrepareOptions.DEFAULTS, null),
                LocalFiles.of(out));
        Map<String, String> errors = new java.util.TreeMap<>();
        for (Row r : FolderScorer.read(SparkTestSession.get(), ScoreFormat.JSON, LocalFiles.of(out)).collectAsList()) {
            errors.put(r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1), r.getAs(ScoreTable.ERROR));
        }

        assertEquals(3, summary.scored(), errors.toString());
        assertEquals(Map.of("empty.png", "empty.png: expected an image, found an empty file",
                "secret.png", "secret.png: cannot be read: permission denied"),
                Map.of("empty.png", errors.get("empty.png"), "secret.png", errors.get("secret.png")));
    }

    @Test
    void aNamedPipeALinkLoopAndADanglingLinkInALocalFolderAreErrorRows() throws Exception {
        // Only the local listing sees these as they are: Hadoop's local file system reports a FIFO
        // as a file (opening it would block the task for ever), hides dangling links and follows
        // link loops. Hadoop's distributed file systems have no such files.
        Path dir = Files.createDirectories(tmp.resolve("with-pipe"));
        ImageFiles.write(ImageFiles.gray(image(0)), "png", dir.resolve("ok.png"));
        assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("pipe.png").toString()).start().waitFor());
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("sub/loop"), dir);
        Files.createSymbolicLink(dir.resolve("gone.png"), dir.resolve("nothing.png"));

        Scored scored = score(dir, InvertMode.AUTO, null, ScoreFormat.CSV);

        assertEquals(1, scored.summary().scored());
        assertEquals(4, scored.summary().files(), scored.rows().keySet().toString());
        assertEquals("pipe.png: expected a file, found a special file", scored.rows().get("pipe.png").getAs(ScoreTable.ERROR));
        assertNotNull(scored.rows().get("sub/loop").getAs(ScoreTable.ERROR));
        assertNotNull(scored.rows().get("gone.png").getAs(ScoreTable.ERROR));
    }

    @Test
    void globSelectsFilesByName() throws IOException {
        Map<String, Row> rows = score(folderWithBadFiles(), InvertMode.AUTO, "*.png", ScoreFormat.CSV).rows();

        assertEquals(21, rows.size());
        assertFalse(rows.containsKey("notes.txt"));
    }

    @ParameterizedTest
    @EnumSource(ScoreFormat.class)
    void everyFormatReadsBackWithOneRowPerFile(ScoreFormat format) throws IOException {
        Map<String, Row> rows = score(folderWithBadFiles(), InvertMode.AUTO, null, format).rows();

        assertEquals(22, rows.size());
        assertEquals(20, rows.values().stream().filter(r -> r.getAs(ScoreTable.ERROR) == null).count());
        Row scored = rows.get("sub/3.png");
        assertEquals(reference.get(3).predictedLabel(), (int) scored.getAs(ScoreTable.LABEL));
        float p1 = scored.getAs(ScoreTable.PROBABILITY);
        float p2 = scored.getAs(ScoreTable.TOP2_PROBABILITY);
        float p3 = scored.getAs(ScoreTable.TOP3_PROBABILITY);
        assertTrue(p1 >= p2 && p2 >= p3 && p3 >= 0, p1 + " " + p2 + " " + p3);
    }

    @Test
    void csvIsOneFileWithAHeader() throws IOException {
        Path out = tmp.resolve("csv-layout");
        FolderScorer.score(SparkTestSession.get(), model,
                new ScoreRequest(LocalFiles.of(folderWithBadFiles()), LocalFiles.of(out), ScoreFormat.CSV,
                        PrepareOptions.DEFAULTS, null), LocalFiles.of(out));

        List<Path> csv;
        try (Stream<Path> files = Files.list(out)) {
            csv = files.filter(f -> f.getFileName().toString().endsWith(".csv")).toList();
        }
        assertEquals(1, csv.size(), csv.toString());
        List<String> lines = Files.readAllLines(csv.get(0));
        assertEquals(String.join(",", ScoreTable.SCHEMA.fieldNames()), lines.get(0));
        assertEquals(23, lines.size());
    }

    @ParameterizedTest
    @EnumSource(value = ScoreFormat.class, names = {"CSV", "JSON"})
    void inProcessScoringWritesTheSameRowsAsTheSparkJob(ScoreFormat format) throws IOException {
        Path input = folderWithBadFiles();
        ScoreRequest request = new ScoreRequest(LocalFiles.of(input), LocalFiles.of(tmp.resolve("unused")), format,
                PrepareOptions.DEFAULTS, null);
        List<io.fashionspark.files.FileTree.Entry> listed = FolderScorer.list(request);
        Path viaSpark = tmp.resolve("via-spark-" + format.label());
        Path inProcess = tmp.resolve("in-process-" + format.label());

        ScoreSummary spark = FolderScorer.score(SparkTestSession.get(), model, request, listed, LocalFiles.of(viaSpark));
        ScoreSummary here = FolderScorer.scoreInProcess(model, request, listed, LocalFiles.of(inProcess));

        assertEquals(spark, here);
        assertEquals(22, here.files());
        assertTrue(Files.exists(inProcess.resolve("part-00000." + format.label())));
        assertTrue(Files.exists(inProcess.resolve("_SUCCESS")));
        List<Row> a = FolderScorer.read(SparkTestSession.get(), format, LocalFiles.of(viaSpark)).collectAsList();
        List<Row> b = FolderScorer.read(SparkTestSession.get(), format, LocalFiles.of(inProcess)).collectAsList();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            for (int c = 0; c < ScoreTable.SCHEMA.size(); c++) {
                Object x = a.get(i).get(c);
                Object y = b.get(i).get(c);
                if (x instanceof Float fx && y instanceof Float fy) {
                    // Only the batches differ (two tasks against one batch): BLAS sums them in another order.
                    assertEquals(fx, fy, 1e-5, a.get(i).getString(0));
                } else {
                    assertEquals(x, y, a.get(i).getString(0) + " column " + c);
                }
            }
        }
        assertTrue(FolderScorer.inProcess(request, 22, "local[*]"));
        assertFalse(FolderScorer.inProcess(request, FolderScorer.IN_PROCESS_MAX + 1, "local[*]"));
        assertFalse(FolderScorer.inProcess(request, 22, "spark://127.0.0.1:7077"));
        assertFalse(FolderScorer.inProcess(new ScoreRequest(request.input(), request.output(), ScoreFormat.PARQUET,
                PrepareOptions.DEFAULTS, null), 22, "local[*]"));
    }

    @Test
    void emptyFolderGivesNoRows() throws IOException {
        Scored scored = score(Files.createDirectories(tmp.resolve("empty")), InvertMode.AUTO, null, ScoreFormat.PARQUET);

        assertTrue(scored.rows().isEmpty());
        assertEquals(new ScoreSummary(0, 0, List.of()), scored.summary());
    }
}
