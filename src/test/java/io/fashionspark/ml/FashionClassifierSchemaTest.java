package io.fashionspark.ml;

import static io.fashionspark.ml.SparkJobs.rejectedWithoutJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.DataConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.NetworkFactory;
import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schema checks of both stages: each bad schema is refused with one line, before any Spark job. */
class FashionClassifierSchemaTest {
    private static SparkSession spark;
    private static Dataset<Row> images;
    private static FashionClassifierModel untrained;

    @BeforeAll
    static void setUp() {
        spark = SparkTestSession.get();
        images = ImageFrames.allLayouts(spark, SyntheticFashion.generate(40, 3));
        untrained = new FashionClassifierModel("untrained",
                Classifier.of(NetworkFactory.create(RunConfig.DEFAULTS), DataConfig.FASHION_MNIST_CLASSES), List.of());
    }

    @Test
    void missingFeaturesColumnIsNamedWithTheAvailableOnes() {
        FashionClassifier classifier = new FashionClassifier().setFeaturesCol("image");
        IllegalArgumentException fit = rejectedWithoutJob(() -> classifier.fit(images));
        assertEquals("featuresCol: expected one of the columns [id, label, features, pixels, values], found 'image'",
                fit.getMessage());
        IllegalArgumentException transform = rejectedWithoutJob(
                () -> untrained.copy(new org.apache.spark.ml.param.ParamMap()).setFeaturesCol("image").transform(images));
        assertEquals(fit.getMessage(), transform.getMessage());
    }

    @Test
    void missingLabelColumnIsNamed() {
        IllegalArgumentException e = rejectedWithoutJob(() -> new FashionClassifier().fit(images.drop("label")));
        assertEquals("labelCol: expected one of the columns [id, features, pixels, values], found 'label'",
                e.getMessage());
    }

    @Test
    void nonNumericLabelSaysExpectedAndFound() {
        Dataset<Row> named = images.withColumn("label", functions.lit("Coat"));
        IllegalArgumentException e = rejectedWithoutJob(() -> new FashionClassifier().fit(named));
        assertEquals("label: expected a numeric column of class indices 0..9, found string", e.getMessage());
    }

    @Test
    void featuresOfAnotherTypeSayExpectedAndFound() {
        Dataset<Row> strings = images.withColumn("features", functions.lit("not pixels"));
        String expected = "features: expected a vector of 784 values, binary of 784 bytes or of an image file, an array"
                + " of 784 numbers or an image-source struct, found string";
        assertEquals(expected, rejectedWithoutJob(() -> new FashionClassifier().fit(strings)).getMessage());
        assertEquals(expected, rejectedWithoutJob(() -> untrained.transform(strings)).getMessage());
    }

    @Test
    void vectorSizeFromAttributeMetadataOtherThan784IsRejected() {
        Dataset<Row> assembled = ImageFrames.assembler().setInputCols(new String[] {"label", "id"})
                .setOutputCol("small").transform(images);
        Dataset<Row> small = assembled.drop("features").withColumnRenamed("small", "features");
        String expected = "features: expected vectors of 784 values, found 2 in the column's ML attribute metadata";
        assertEquals(expected, rejectedWithoutJob(() -> untrained.transform(small)).getMessage());
        assertEquals(expected, rejectedWithoutJob(() -> new FashionClassifier().fit(small)).getMessage());
    }

    @Test
    void vectorSizeRecordedAs784PassesTheSchemaCheck() {
        Dataset<Row> labelled = images.withColumn("features", images.col("features").as("features",
                new AttributeGroup("features", 784).toMetadata()));
        StructType out = untrained.transformSchema(labelled.schema());
        assertEquals(SQLDataTypes.VectorType(), out.apply("probability").dataType());
    }

    @Test
    void vectorOfAnotherSizeWithoutMetadataFailsAtTransformNamingTheColumn() {
        Dataset<Row> small = ImageFrames.constantVectors(spark, 5, 100, 1.0);
        Dataset<Row> lazy = untrained.transform(small);
        SparkException e = assertThrows(SparkException.class, lazy::collectAsList);
        assertTrue(e.getMessage().contains("features: expected 784 values per row, found 100"), e.getMessage());
    }

    @Test
    void existingOutputColumnIsRejected() {
        Dataset<Row> withPrediction = images.withColumn("prediction", functions.lit(1.0));
        String expected = "predictionCol: expected a new column name, found 'prediction', which the input or another"
                + " output column already has";
        assertEquals(expected, rejectedWithoutJob(() -> untrained.transform(withPrediction)).getMessage());
        assertEquals(expected, rejectedWithoutJob(() -> new FashionClassifier().fit(withPrediction)).getMessage());
    }

    @Test
    void outputColumnsMustDifferFromEachOther() {
        FashionClassifierModel clash = untrained.copy(new org.apache.spark.ml.param.ParamMap()).setClassNameCol("probability");
        IllegalArgumentException e = rejectedWithoutJob(() -> clash.transform(images));
        assertTrue(e.getMessage().startsWith("classNameCol: expected a new column name, found 'probability'"),
                e.getMessage());
    }

    @Test
    void outputSchemaAppendsTypedColumnsWithMetadata() {
        StructType out = untrained.transformSchema(images.schema());
        assertEquals(images.schema().size() + 3, out.size());
        assertEquals(DataTypes.DoubleType, out.apply("prediction").dataType());
        assertEquals(10, AttributeGroup.fromStructField(out.apply("probability")).size());
        assertEquals(DataTypes.StringType, out.apply("className").dataType());
        assertTrue(out.apply("prediction").metadata().json().contains("Ankle boot"), out.apply("prediction").metadata().json());
    }

    @Test
    void transformIsLazy() {
        assertEquals(0, SparkJobs.jobsStartedBy(() -> untrained.transform(images)));
    }

    @Test
    void theJobCounterSeesJobs() {
        assertEquals(1, SparkJobs.jobsStartedBy(() -> images.toJavaRDD().count()));
    }

    @Test
    void aModelWithoutNetworkSaysHowToGetOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new FashionClassifierModel("bare").transform(images));
        assertTrue(e.getMessage().startsWith("bare: this model has no network"), e.getMessage());
    }
}
