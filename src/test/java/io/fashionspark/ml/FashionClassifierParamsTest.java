package io.fashionspark.ml;

import static io.fashionspark.ml.SparkJobs.rejectedWithoutJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.ModelConfig;
import io.fashionspark.config.OptimizerConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.config.TrainConfig;
import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimator's params (validated, defaults from the recipe, persisted) and its checks of the data. */
class FashionClassifierParamsTest {
    private static SparkSession spark;
    private static Dataset<Row> images;

    @BeforeAll
    static void setUp() {
        spark = SparkTestSession.get();
        images = ImageFrames.allLayouts(spark, SyntheticFashion.generate(30, 4));
    }

    @Test
    void defaultsAreTheRecipe() {
        FashionClassifier classifier = new FashionClassifier();
        assertEquals(RunConfig.DEFAULTS, classifier.runConfig());
        assertEquals("label", classifier.getLabelCol());
        assertEquals("features", classifier.getFeaturesCol());
        assertEquals("prediction", classifier.getPredictionCol());
        assertEquals("probability", classifier.getProbabilityCol());
        assertEquals("className", classifier.getClassNameCol());
    }

    @Test
    void settersReturnTheStageAndReachTheConfiguration() {
        FashionClassifier classifier = new FashionClassifier();
        assertSame(classifier, classifier.setEpochs(3).setBatchSize(16).setLearningRate(0.005)
                .setAveragingFrequency(4).setDropout(0.1).setL2(0.0).setSeed(7L).setWorkers(2));
        RunConfig config = classifier.runConfig();
        assertEquals(3, config.train().epochs());
        assertEquals(16, config.train().batchSize());
        assertEquals(0.005, config.optimizer().learningRate());
        assertEquals(4, config.train().averagingFrequency());
        assertEquals(0.1, config.model().dropout());
        assertEquals(0.0, config.model().l2());
        assertEquals(7L, config.train().seed());
        assertEquals(2, config.train().workers());
        assertEquals(RunConfig.DEFAULTS.model().hidden(), config.model().hidden());
    }

    @Test
    void zeroEpochsAreRejectedNamingTheParam() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FashionClassifier().setEpochs(0));
        assertTrue(e.getMessage().contains("parameter epochs given invalid value 0"), e.getMessage());
    }

    @Test
    void otherOutOfRangeParamsAreRejectedNamingTheParam() {
        FashionClassifier c = new FashionClassifier();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.setBatchSize(0)).getMessage()
                .contains("parameter batchSize given invalid value 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.setLearningRate(0)).getMessage()
                .contains("parameter learningRate given invalid value 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.setDropout(1.0)).getMessage()
                .contains("parameter dropout given invalid value 1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.setWorkers(-1)).getMessage()
                .contains("parameter workers given invalid value -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.setL2(-1e-4)).getMessage()
                .contains("parameter l2 given invalid value -1.0E-4"));
    }

    @Test
    void aValueTheConfigurationRefusesStopsFitBeforeAnyJob() {
        // The params check the configuration's own ranges, so a value it refuses never reaches fit:
        // neither through a setter nor through fit's extra params.
        FashionClassifier c = new FashionClassifier();
        IllegalArgumentException e = rejectedWithoutJob(() -> c.setLearningRate(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("parameter learningRate given invalid value Infinity"), e.getMessage());
        e = rejectedWithoutJob(() -> c.fit(images, new ParamMap().put(c.learningRate(), Double.POSITIVE_INFINITY)));
        assertTrue(e.getMessage().contains("parameter learningRate given invalid value Infinity"), e.getMessage());
        assertTrue(c.learningRate().doc().contains(OptimizerConfig.LEARNING_RATE), c.learningRate().doc());
        for (double v : new double[] {Double.NEGATIVE_INFINITY, -1, 0, Double.MIN_VALUE, 0.01, 1e6,
            Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN}) {
            boolean configAccepts = OptimizerConfig.LEARNING_RATE_RANGE.contains(v);
            assertEquals(configAccepts, accepts(c.learningRate(), v), "learning rate " + v);
            if (!configAccepts) {
                assertThrows(IllegalArgumentException.class, () -> new OptimizerConfig(v, OptimizerConfig.Schedule.LINEAR,
                        0.9, 0.999, 1e-8), "learning rate " + v);
            }
        }
        assertEquals(ModelConfig.DROPOUT_RANGE.contains(1.0), accepts(c.dropout(), 1.0));
        assertEquals(ModelConfig.L2_RANGE.contains(Double.POSITIVE_INFINITY), accepts(c.l2(), Double.POSITIVE_INFINITY));
        assertEquals(TrainConfig.EPOCHS_RANGE.contains(100_001), accepts(c.epochs(), 100_001));
    }

    /** Whether {@code param}'s validator accepts {@code value}. */
    private static boolean accepts(Param<Object> param, Object value) {
        return (Boolean) param.isValid().apply(value);
    }

    @Test
    void pixelOutOfRangeFailsFitNamingTheColumn() {
        Dataset<Row> bright = ImageFrames.constantVectors(spark, 12, 784, 300.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FashionClassifier().fit(bright));
        assertEquals("features: expected pixel values in [0, 255], found 300.0 at index 0", e.getMessage());
    }

    @Test
    void nanPixelFailsFitNamingTheColumn() {
        Dataset<Row> nan = ImageFrames.constantVectors(spark, 12, 784, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FashionClassifier().fit(nan));
        assertEquals("features: expected pixel values in [0, 255], found NaN at index 0", e.getMessage());
    }

    @Test
    void labelOutsideTheClassesFailsFitNamingTheColumn() {
        Dataset<Row> eleven = images.withColumn("label", functions.lit(11));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FashionClassifier().setFeaturesCol("pixels").fit(eleven));
        assertEquals("label: expected class indices 0..9, found 11", e.getMessage());
        Dataset<Row> half = images.withColumn("label", functions.lit(2.5));
        e = assertThrows(IllegalArgumentException.class, () -> new FashionClassifier().fit(half));
        assertEquals("label: expected class indices 0..9, found 2.5", e.getMessage());
    }

    @Test
    void tooFewRowsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FashionClassifier().fit(images.limit(2)));
        assertEquals("dataset: expected at least 3 rows (each epoch holds a share out for validation), found 2",
                e.getMessage());
    }

    @Test
    void copyAppliesExtraParamsToANewStage() {
        FashionClassifier original = new FashionClassifier().setEpochs(3);
        FashionClassifier copy = original.copy(new ParamMap().put(original.batchSize(), 8));
        assertNotSame(original, copy);
        assertEquals(original.uid(), copy.uid());
        assertEquals(3, copy.getEpochs());
        assertEquals(8, copy.getBatchSize());
        assertEquals(128, original.getBatchSize());
    }

    @Test
    @SuppressWarnings("unchecked")
    void estimatorSavesAndLoadsItsParams(@TempDir Path dir) throws IOException {
        FashionClassifier original = new FashionClassifier().setEpochs(3).setLearningRate(0.002)
                .setSeed(99L).setFeaturesCol("pixels").setClassNames("cat", "dog", "bag");
        String path = dir.resolve("classifier").toString();
        original.write().save(path);
        FashionClassifier loaded = FashionClassifier.load(path);
        assertEquals(original.uid(), loaded.uid());
        assertEquals(original.runConfig(), loaded.runConfig());
        assertEquals("pixels", loaded.getFeaturesCol());
        assertEquals(List.of("cat", "dog", "bag"), loaded.runConfig().data().classNames());
        // Every param, set or default, with its value (class names are an array: compared by content).
        assertEquals(original.params().length, loaded.params().length);
        for (Param<?> p : original.params()) {
            Param<Object> mine = (Param<Object>) p;
            Param<Object> theirs = loaded.getParam(p.name());
            assertEquals(original.isSet(mine), loaded.isSet(theirs), p.name());
            assertTrue(Objects.deepEquals(original.getOrDefault(mine), loaded.getOrDefault(theirs)),
                    p.name() + ": " + loaded.getOrDefault(theirs));
        }
    }

    @Test
    void unfittedPipelineWithTheEstimatorSavesAndLoads(@TempDir Path dir) throws IOException {
        FashionClassifier classifier = new FashionClassifier().setEpochs(2);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {ImageFrames.assembler(), classifier});
        String path = dir.resolve("pipeline").toString();
        pipeline.write().overwrite().save(path);
        PipelineStage[] stages = Pipeline.load(path).getStages();
        assertEquals(2, stages.length);
        FashionClassifier loaded = (FashionClassifier) stages[1];
        assertEquals(classifier.uid(), loaded.uid());
        assertEquals(2, loaded.getEpochs());
    }
}
