package io.fashionspark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.DataConfig;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.ModelStore;
import io.fashionspark.testing.LocalFiles;
import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pipeline of a VectorAssembler and the classifier, fitted once for two epochs on generated
 * images; its predictions, persistence and the SQL function are checked on held-out images.
 */
class FashionClassifierPipelineTest {
    private static SparkSession spark;
    private static FashionClassifier classifier;
    private static PipelineModel fitted;
    private static Dataset<Row> test;
    private static Map<Long, Row> predicted;

    @BeforeAll
    static void fit() {
        spark = SparkTestSession.get();
        classifier = new FashionClassifier().setEpochs(2).setBatchSize(32).setLearningRate(0.002)
                .setAveragingFrequency(5).setWorkers(2).setSeed(11L);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {ImageFrames.assembler(), classifier});
        fitted = pipeline.fit(ImageFrames.imageRows(spark, SyntheticFashion.generate(1200, 1)));
        test = ImageFrames.imageRows(spark, SyntheticFashion.generate(300, 2));
        predicted = byId(fitted.transform(test));
    }

    @Test
    void beatsChanceClearlyOnHeldOutImages() {
        long correct = predicted.values().stream()
                .filter(r -> r.<Double>getAs("prediction") == r.<Integer>getAs("label").doubleValue()).count();
        assertEquals(300, predicted.size());
        assertTrue(correct / 300.0 > 0.6, "accuracy " + correct / 300.0);
    }

    @Test
    void keepsInputColumnsAndAppendsConsistentPredictions() {
        Dataset<Row> features = fitted.stages()[0].transform(test);
        Dataset<Row> out = model(fitted).transform(features);
        StructType expected = model(fitted).transformSchema(features.schema());
        for (StructField field : expected.fields()) {
            StructField actual = out.schema().apply(field.name());
            assertEquals(field.toString() + field.metadata().json(), actual.toString() + actual.metadata().json());
        }
        assertEquals(expected, out.schema());
        for (Row row : predicted.values()) {
            Vector probability = row.getAs("probability");
            double prediction = row.getAs("prediction");
            assertEquals(10, probability.size());
            assertEquals(1.0, sum(probability), 1e-4);
            assertEquals(probability.argmax(), (int) prediction);
            assertEquals(DataConfig.FASHION_MNIST_CLASSES.get((int) prediction), row.getAs("className"));
        }
    }

    @Test
    void theModelRemembersItsTraining() {
        FashionClassifierModel model = model(fitted);
        assertEquals(classifier.uid(), model.uid());
        assertSame(classifier, model.parent());
        assertEquals(2, model.trainingEpochs().size());
        assertEquals(2, model.network().getEpochCount());
    }

    @Test
    void savedPipelineModelLoadsAndPredictsIdentically(@TempDir Path dir) throws IOException {
        String path = dir.resolve("pipeline-model").toString();
        fitted.write().overwrite().save(path);
        fitted.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        assertEquals(FashionClassifierModel.class, loaded.stages()[1].getClass());
        assertSamePredictions(predicted, byId(loaded.transform(test)));
    }

    @Test
    void theModelAloneSavesAndLoadsWithItsParams(@TempDir Path dir) throws IOException {
        FashionClassifierModel model = model(fitted).copy(new ParamMap()).setClassNameCol("name");
        String path = dir.resolve("model").toString();
        model.write().save(path);
        assertTrue(Files.isRegularFile(dir.resolve("model/data/model.zip")));
        assertTrue(Files.isDirectory(dir.resolve("model/metadata")));
        FashionClassifierModel loaded = FashionClassifierModel.load(path);
        assertEquals(model.uid(), loaded.uid());
        assertEquals("name", loaded.getClassNameCol());
        assertEquals(model.network().params(), loaded.network().params());
        // The network file is the project's model format: the CLI's evaluate command can read it.
        Classifier file = ModelStore.load(LocalFiles.of(dir.resolve("model/data/model.zip")));
        assertEquals(model.network().params(), file.network().params());
        assertEquals(model.classNames(), file.classNames());
        Dataset<Row> features = fitted.stages()[0].transform(test);
        assertSamePredictions(predicted, byId(loaded.setClassNameCol("className").transform(features)));
    }

    @Test
    void savingOverAnExistingModelNeedsOverwrite(@TempDir Path dir) throws IOException {
        String path = dir.resolve("model").toString();
        model(fitted).write().save(path);
        IOException e = assertThrows(IOException.class, () -> model(fitted).write().save(path));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    @Test
    void binaryAndArrayColumnsPredictLikeTheVectorColumn() {
        Dataset<Row> layouts = ImageFrames.allLayouts(spark, SyntheticFashion.generate(300, 2));
        FashionClassifierModel model = model(fitted).copy(new ParamMap());
        Map<Long, Row> fromVectors = byId(model.setFeaturesCol("features").transform(layouts));
        Map<Long, Row> fromBytes = byId(model.setFeaturesCol("pixels").transform(layouts));
        Map<Long, Row> fromArrays = byId(model.setFeaturesCol("values").transform(layouts));
        assertSamePredictions(predicted, fromVectors);
        assertSamePredictions(predicted, fromBytes);
        assertSamePredictions(predicted, fromArrays);
    }

    @Test
    void sqlFunctionAgreesWithTheTransformer() {
        FashionFunctions.register(spark, model(fitted), FashionFunctions.DEFAULT_NAME);
        ImageFrames.allLayouts(spark, SyntheticFashion.generate(300, 2)).createOrReplaceTempView("ml_test_images");
        List<Row> rows = spark.sql("SELECT id, fashion_predict(features) AS v, fashion_predict(pixels) AS b,"
                + " fashion_predict(`values`) AS a, fashion_predict(CAST(NULL AS BINARY)) AS n FROM ml_test_images"
                + " WHERE id < 100")
                .collectAsList();
        assertEquals(100, rows.size());
        for (Row row : rows) {
            String expected = predicted.get(row.getLong(0)).getAs("className");
            assertEquals(expected, row.getString(1), "vector, id " + row.getLong(0));
            assertEquals(expected, row.getString(2), "binary, id " + row.getLong(0));
            assertEquals(expected, row.getString(3), "array, id " + row.getLong(0));
            assertTrue(row.isNullAt(4));
        }
    }

    @Test
    void sqlFunctionNamesAreIdentifiers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FashionFunctions.register(spark, model(fitted), "drop table"));
        assertTrue(e.getMessage().startsWith("name: expected an SQL identifier"), e.getMessage());
    }

    private static FashionClassifierModel model(PipelineModel pipeline) {
        Transformer last = pipeline.stages()[pipeline.stages().length - 1];
        return (FashionClassifierModel) last;
    }

    private static Map<Long, Row> byId(Dataset<Row> predictions) {
        Map<Long, Row> out = new HashMap<>();
        for (Row row : predictions.select("id", "label", "prediction", "probability", "className").collectAsList()) {
            out.put(row.getLong(0), row);
        }
        return out;
    }

    private static void assertSamePredictions(Map<Long, Row> expected, Map<Long, Row> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<Long, Row> e : expected.entrySet()) {
            Row a = actual.get(e.getKey());
            assertEquals(e.getValue().<Double>getAs("prediction"), a.<Double>getAs("prediction"), "id " + e.getKey());
            assertArrayEquals(e.getValue().<Vector>getAs("probability").toArray(),
                    a.<Vector>getAs("probability").toArray(), "id " + e.getKey());
            assertEquals(e.getValue().<String>getAs("className"), a.<String>getAs("className"));
        }
    }

    private static double sum(Vector v) {
        double s = 0;
        for (double x : v.toArray()) {
            s += x;
        }
        return s;
    }
}
