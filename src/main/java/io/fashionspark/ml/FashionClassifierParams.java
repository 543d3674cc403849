package io.fashionspark.ml;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The column parameters that {@link FashionClassifier} and {@link FashionClassifierModel} share,
 * with their getters. Each stage creates its own {@code Param} objects, since a param belongs to
 * one stage's uid; {@code Estimator.fit} copies the values onto the model.
 */
public interface FashionClassifierParams extends Params {
    /** Default input column: 784 pixel intensities 0..255. */
    String DEFAULT_FEATURES_COL = "features";
    /** Default output column: the predicted class index 0..9 (double). */
    String DEFAULT_PREDICTION_COL = "prediction";
    /** Default output column: the ten class probabilities (ML vector). */
    String DEFAULT_PROBABILITY_COL = "probability";
    /** Default output column: the predicted class name, e.g. "Ankle boot" (string). */
    String DEFAULT_CLASS_NAME_COL = "className";

    /**
     * Input column of 784 pixel intensities 0..255 (the scale of IDX bytes): an ML vector,
     * a binary column of 784 bytes, or an array of 784 numbers.
     */
    Param<String> featuresCol();

    /** Output column: predicted class index 0..9 as a double, with the class names as nominal metadata. */
    Param<String> predictionCol();

    /** Output column: ML vector of the ten class probabilities. */
    Param<String> probabilityCol();

    /** Output column: name of the predicted class. */
    Param<String> classNameCol();

    default String getFeaturesCol() {
        return getOrDefault(featuresCol());
    }

    default String getPredictionCol() {
        return getOrDefault(predictionCol());
    }

    default String getProbabilityCol() {
        return getOrDefault(probabilityCol());
    }

    default String getClassNameCol() {
        return getOrDefault(classNameCol());
    }

    // Factories: each creates one of owner's params and sets its default name.

    static Param<String> featuresColParam(Params owner) {
        return column(owner, "featuresCol", DEFAULT_FEATURES_COL,
                "input column of 784 pixel intensities 0..255: vector, binary (784 bytes) or array of numbers");
    }

    static Param<String> predictionColParam(Params owner) {
        return column(owner, "predictionCol", DEFAULT_PREDICTION_COL, "output column: predicted class index (double)");
    }

    static Param<String> probabilityColParam(Params owner) {
        return column(owner, "probabilityCol", DEFAULT_PROBABILITY_COL, "output column: class probabilities (vector)");
    }

    static Param<String> classNameColParam(Params owner) {
        return column(owner, "classNameCol", DEFAULT_CLASS_NAME_COL, "output column: predicted class name (string)");
    }

    private static Param<String> column(Params owner, String name, String defaultName, String doc) {
        Param<String> p = new Param<>(owner, name, doc);
        owner.setDefault(p, defaultName);
        return p;
    }
}
