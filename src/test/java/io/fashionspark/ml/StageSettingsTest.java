package io.fashionspark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.ModelConfig;
import io.fashionspark.config.OptimizerConfig;
import io.fashionspark.config.Range;
import io.fashionspark.config.TrainConfig;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stages' settings come from the configuration's own definitions: each hyperparameter's range
 * is the configuration key's range, and class names ({@code classNames}) name the classes of the
 * model's output, its metadata, its saved form and the SQL function.
 */
class StageSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void everyHyperparameterAcceptsExactlyItsConfigurationRange() {
        FashionClassifier c = new FashionClassifier();
        assertSameRange(c.epochs(), TrainConfig.EPOCHS_RANGE);
        assertSameRange(c.batchSize(), TrainConfig.BATCH_SIZE_RANGE);
        assertSameRange(c.averagingFrequency(), TrainConfig.AVERAGING_FREQUENCY_OR_AUTO_RANGE);
        assertTrue(c.averagingFrequency().doc().contains("0 = auto"), c.averagingFrequency().doc());
        assertSameRange(c.workers(), TrainConfig.WORKERS_RANGE);
        assertSameRange(c.learningRate(), OptimizerConfig.LEARNING_RATE_RANGE);
        assertSameRange(c.dropout(), ModelConfig.DROPOUT_RANGE);
        assertSameRange(c.l2(), ModelConfig.L2_RANGE);
        assertTrue(c.epochs().doc().contains(TrainConfig.EPOCHS), c.epochs().doc());
    }

    @Test
    void classNamesAreCheckedAsTheConfigurationChecksThem() {
        FashionClassifier c = new FashionClassifier();
        assertArrayEquals(new String[] {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot"}, c.getClassNames());
        for (String[] bad : List.of(new String[] {"one"}, new String[] {"a", "a"}, new String[] {"a", ""},
                new String[] {"a", "b,c"})) {
            assertThrows(IllegalArgumentException.class, () -> c.setClassNames(bad), String.join("|", bad));
        }
    }

    @Test
    void aThreeClassModelNamesItsClassesEverywhere() throws Exception {
        SparkSession spark = SparkTestSession.get();
        String[] names = {"low", "middle", "high"};
        FashionClassifier classifier = new FashionClassifier().setEpochs(1).setBatchSize(32).setWorkers(2)
                .setSeed(3L).setClassNames(names);
        Dataset<Row> train = ImageFrames.imageRows(spark, modulo3(SyntheticFashion.generate(300, 21)));
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {ImageFrames.assembler(), classifier});
        PipelineModel fitted = pipeline.fit(train);
        FashionClassifierModel model = (FashionClassifierModel) fitted.stages()[1];
        assertEquals(List.of(names), model.classNames());

        Dataset<Row> out = fitted.transform(ImageFrames.imageRows(spark, modulo3(SyntheticFashion.generate(30, 22))));
        NominalAttribute prediction = (NominalAttribute) NominalAttribute.fromStructField(out.schema().apply("prediction"));
        assertArrayEquals(names, prediction.values().get());
        for (Row row : out.collectAsList()) {
            int label = (int) row.<Double>getAs("prediction").doubleValue();
            assertEquals(names[label], row.getAs("className"));
            assertEquals(3, row.<Vector>getAs("probability").size());
        }

        fitted.write().overwrite().save(tmp.resolve("pipeline").toString());
        FashionClassifierModel loaded = (FashionClassifierModel) PipelineModel.load(tmp.resolve("pipeline").toString())
                .stages()[1];
        assertEquals(List.of(names), loaded.classNames());

        FashionFunctions.register(spark, model, "three_classes");
        Dataset<Row> features = fitted.stages()[0].transform(ImageFrames.imageRows(spark,
                modulo3(SyntheticFashion.generate(10, 23))));
        List<String> viaSql = features.select(functions.callUDF("three_classes", functions.col("features")))
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertTrue(List.of(names).containsAll(viaSql), viaSql.toString());
        assertEquals(10, viaSql.size());
    }

    @Test
    void labelsBeyondTheClassNamesAreRefusedNamingTheColumn() {
        SparkSession spark = SparkTestSession.get();
        FashionClassifier classifier = new FashionClassifier().setEpochs(1).setClassNames("a", "b");
        Dataset<Row> frame = ImageFrames.assembler().transform(ImageFrames.imageRows(spark,
                SyntheticFashion.generate(60, 4)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> classifier.fit(frame));
        assertTrue(e.getMessage().startsWith("label: expected class indices 0..1, found "), e.getMessage());
    }

    private static LabeledImages modulo3(LabeledImages set) {
        byte[] labels = set.labels().clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (labels[i] % 3);
        }
        return new LabeledImages(set.source(), set.rows(), set.cols(), set.pixels(), labels);
    }

    private static void assertSameRange(IntParam param, Range range) {
        for (long v : new long[] {(long) range.min() - 1, (long) range.min(), (long) range.max(), (long) range.max() + 1}) {
            assertEquals(range.contains(v), param.isValid().apply(v) == Boolean.TRUE, param.name() + " at " + v);
        }
    }

    private static void assertSameRange(DoubleParam param, Range range) {
        double[] probes = {range.min() - 1e-9, range.min(), range.min() + 1e-9, range.max() - 1e-9, range.max(),
            range.max() + 1e-9, Double.NaN, Double.POSITIVE_INFINITY};
        for (double v : probes) {
            assertEquals(range.contains(v), param.isValid().apply(v) == Boolean.TRUE, param.name() + " at " + v);
        }
        assertFalse(param.isValid().apply(Double.NaN) == Boolean.TRUE);
    }
}
