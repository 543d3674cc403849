package io.fashionspark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.data.LabeledImages;
import io.fashionspark.model.Classifier;
import io.fashionspark.score.FitMode;
import io.fashionspark.score.FolderScorer;
import io.fashionspark.score.InvertMode;
import io.fashionspark.score.PrepareOptions;
import io.fashionspark.score.ScoreFormat;
import io.fashionspark.score.ScoreRequest;
import io.fashionspark.score.ScoreTable;
import io.fashionspark.score.SmallModel;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.SparkException;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ML model and the SQL function on image columns (file bytes from {@code binaryFile},
 * structs from the {@code image} source): the same predictions as {@code score} with the same
 * fit, invert and sharpen choice.
 */
class ImageColumnsTest {
    private static final int COUNT = 60;
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Classifier classifier;
    static Path photos;

    @BeforeAll
    static void writePhotos() throws IOException {
        spark = SparkTestSession.get();
        classifier = SmallModel.classifier();
        LabeledImages images = SyntheticFashion.generate(COUNT, 5L);
        photos = Files.createDirectories(tmp.resolve("photos"));
        for (int i = 0; i < COUNT; i++) {
            ImageIO.write(photo(images.image(i), i), "png", photos.resolve(String.format("%03d.png", i)).toFile());
        }
    }

    /** A 28x28 item drawn dark on white at 2x, with uneven margins, as an RGB photo of a product. */
    private static BufferedImage photo(byte[] item, int i) {
        int left = 4 + i % 9;
        int top = 20 - i % 7;
        BufferedImage out = new BufferedImage(56 + left + 11, 56 + top + 5, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int sx = (x - left) / 2;
                int sy = (y - top) / 2;
                boolean inside = x >= left && y >= top && sx < 28 && sy < 28;
                int v = 255 - (inside ? item[sy * 28 + sx] & 0xFF : 0);
                out.setRGB(x, y, v << 16 | (v * 9 / 10) << 8 | v);
            }
        }
        return out;
    }

    private static FashionClassifierModel model() {
        return new FashionClassifierModel("fashion-test", classifier, List.of());
    }

    /** {@code score}'s rows of the photo folder, by file name. */
    private static Map<String, Row> scored(PrepareOptions prepare) {
        Path out = tmp.resolve("scores-" + System.nanoTime());
        FolderScorer.score(spark, classifier, new ScoreRequest(LocalFiles.of(photos), LocalFiles.of(out),
                ScoreFormat.PARQUET, prepare, null), LocalFiles.of(out));
        Map<String, Row> rows = new HashMap<>();
        for (Row r : FolderScorer.read(spark, ScoreFormat.PARQUET, LocalFiles.of(out)).collectAsList()) {
            String path = r.getAs(ScoreTable.PATH);
            rows.put(path.substring(path.lastIndexOf('/') + 1), r);
        }
        return rows;
    }

    /** The transformer's (prediction, top probability) by file name, from a column holding each file. */
    private static Map<String, double[]> transformed(FashionClassifierModel model, Dataset<Row> files, String pathCol) {
        Map<String, double[]> out = new HashMap<>();
        for (Row r : model.transform(files).select(pathCol, "prediction", "probability").collectAsList()) {
            String path = r.getString(0);
            Vector p = r.getAs(2);
            out.put(path.substring(path.lastIndexOf('/') + 1), new double[] {r.getDouble(1), p.apply(p.argmax())});
        }
        return out;
    }

    private static void assertSameAsScore(Map<String, Row> scored, Map<String, double[]> transformed) {
        assertEquals(scored.keySet(), transformed.keySet());
        for (Map.Entry<String, Row> e : scored.entrySet()) {
            double[] t = transformed.get(e.getKey());
            assertEquals(e.getValue().<Integer>getAs(ScoreTable.LABEL), (int) t[0], e.getKey());
            assertEquals(e.getValue().<Float>getAs(ScoreTable.PROBABILITY), t[1], 1e-6, e.getKey());
        }
    }

    @Test
    void fileBytesPredictAsScoreDoesInEveryFitMode() {
        Dataset<Row> files = spark.read().format("binaryFile").load(photos.toString());
        for (FitMode fit : FitMode.values()) {
            for (boolean sharpen : new boolean[] {false, true}) {
                FashionClassifierModel model = model().setFeaturesCol("content").setFit(fit.label()).setSharpen(sharpen);
                assertSameAsScore(scored(new PrepareOptions(InvertMode.AUTO, fit, sharpen)),
                        transformed(model, files, "path"));
            }
        }
    }

    @Test
    void theFitModeChangesWhatThePhotosPredict() {
        Dataset<Row> files = spark.read().format("binaryFile").load(photos.toString());
        Map<String, double[]> trim = transformed(model().setFeaturesCol("content"), files, "path");
        Map<String, double[]> pad = transformed(model().setFeaturesCol("content").setFit("pad"), files, "path");
        long differ = trim.keySet().stream().filter(k -> trim.get(k)[1] != pad.get(k)[1]).count();
        assertTrue(differ > COUNT / 2, differ + " of " + COUNT + " differ");
    }

    @Test
    void imageSourceStructsPredictAsScoreDoes() {
        Dataset<Row> images = spark.read().format("image").load(photos.toString()).selectExpr("image", "image.origin AS origin");
        assertSameAsScore(scored(PrepareOptions.DEFAULTS), transformed(model().setFeaturesCol("image"), images, "origin"));
    }

    @Test
    void theSqlFunctionPreparesImagesWithTheModelsParams() {
        Dataset<Row> files = spark.read().format("binaryFile").load(photos.toString());
        files.createOrReplaceTempView("ml_photo_files");
        FashionFunctions.register(spark, model().setFit("stretch").setSharpen(true), "fashion_photo");
        Map<String, Row> expected = scored(new PrepareOptions(InvertMode.AUTO, FitMode.STRETCH, true));
        List<Row> rows = spark.sql("SELECT path, fashion_photo(content) FROM ml_photo_files").collectAsList();
        assertEquals(COUNT, rows.size());
        for (Row r : rows) {
            String name = r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1);
            assertEquals(expected.get(name).<String>getAs(ScoreTable.CLASS_NAME), r.getString(1), name);
        }
    }

    @Test
    void theChoiceIsSavedWithTheModel() throws IOException {
        String path = tmp.resolve("saved-model").toString();
        model().setFit("pad").setInvert("never").setSharpen(true).write().save(path);
        FashionClassifierModel loaded = FashionClassifierModel.load(path);
        assertEquals("pad", loaded.getFit());
        assertEquals("never", loaded.getInvert());
        assertTrue(loaded.getSharpen());
        assertEquals(new PrepareOptions(InvertMode.NEVER, FitMode.PAD, true), loaded.prepareOptions());
        assertEquals(PrepareOptions.DEFAULTS, model().prepareOptions());
    }

    @Test
    void anUnknownFitModeIsRefusedWhenSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model().setFit("zoom"));
        assertTrue(e.getMessage().contains("fit"), e.getMessage());
    }

    @Test
    void anUnreadableImageFailsTheJobNamingTheColumn() throws IOException {
        byte[] png = Files.readAllBytes(photos.resolve("000.png"));
        Dataset<Row> broken = spark.createDataFrame(List.of(
                org.apache.spark.sql.RowFactory.create("cut.png", java.util.Arrays.copyOf(png, png.length / 2))),
                new org.apache.spark.sql.types.StructType().add("path", "string").add("content", "binary"));
        SparkException e = assertThrows(SparkException.class,
                () -> model().setFeaturesCol("content").transform(broken).collectAsList());
        String message = String.valueOf(e.getMessage()) + e.getCause();
        assertTrue(message.contains("content: expected a complete image"), message);
        assertNotEquals(-1, message.indexOf("truncated"), message);
    }
}
