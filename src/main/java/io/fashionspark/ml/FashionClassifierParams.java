package io.fashionspark.ml;

import io.fashionspark.score.FitMode;
import io.fashionspark.score.InvertMode;
import io.fashionspark.score.PrepareOptions;
import java.util.Arrays;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The parameters that {@link FashionClassifier} and {@link FashionClassifierModel} share, with
 * their getters: the columns, and how image files in the features column become network inputs
 * ({@code fit}, {@code invert}, {@code sharpen}: the same choice as {@code score --fit --invert
 * --sharpen}). Each stage creates its own {@code Param} objects, since a param belongs to
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
     * Input column: 784 pixel intensities 0..255 (the scale of IDX bytes) as an ML vector, a
     * binary value of 784 bytes or an array of 784 numbers, taken as they are; or an image, as
     * the bytes of a PNG, JPEG, GIF or BMP file (binary, e.g. the {@code content} column of
     * Spark's {@code binaryFile} source) or as a struct of Spark's {@code image} source, prepared
     * as {@link #fit()}, {@link #invert()} and {@link #sharpen()} say.
     */
    Param<String> featuresCol();

    /** How an image that is not 28x28 becomes 28x28: {@code trim} (default), {@code pad} or {@code stretch}. */
    Param<String> fit();

    /** When an image's grey levels are inverted to light-on-black: {@code auto} (default), {@code always}, {@code never}. */
    Param<String> invert();

    /** Whether a resized image is sharpened, as Fashion-MNIST's conversion did (default false). */
    BooleanParam sharpen();

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

    default String getFit() {
        return getOrDefault(fit());
    }

    default String getInvert() {
        return getOrDefault(invert());
    }

    default boolean getSharpen() {
        return (Boolean) getOrDefault(sharpen());
    }

    /** What {@link #fit()}, {@link #invert()} and {@link #sharpen()} say, as the scorer's options. */
    default PrepareOptions prepareOptions() {
        return new PrepareOptions(InvertMode.parse(getInvert()), FitMode.parse(getFit()), getSharpen());
    }

    // Factories: each creates one of owner's params and sets its default name.

    static Param<String> featuresColParam(Params owner) {
        return column(owner, "featuresCol", DEFAULT_FEATURES_COL,
                "input column: 784 pixel intensities 0..255 (vector, binary of 784 bytes, array of numbers) or an image"
                        + " (PNG, JPEG, GIF or BMP file bytes, or an image-source struct)");
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

    static Param<String> fitParam(Params owner) {
        String[] values = Arrays.stream(FitMode.values()).map(FitMode::label).toArray(String[]::new);
        Param<String> p = new Param<>(owner, "fit", "how an image that is not 28x28 becomes 28x28: "
                + String.join(", ", values), ParamValidators.inArray(values));
        owner.setDefault(p, PrepareOptions.DEFAULTS.fit().label());
        return p;
    }

    static Param<String> invertParam(Params owner) {
        String[] values = Arrays.stream(InvertMode.values()).map(InvertMode::label).toArray(String[]::new);
        Param<String> p = new Param<>(owner, "invert", "when an image's grey levels are inverted to light-on-black: "
                + String.join(", ", values), ParamValidators.inArray(values));
        owner.setDefault(p, PrepareOptions.DEFAULTS.invert().label());
        return p;
    }

    static BooleanParam sharpenParam(Params owner) {
        BooleanParam p = new BooleanParam(owner, "sharpen", "whether a resized image is sharpened (unsharp mask)");
        owner.setDefault(p, PrepareOptions.DEFAULTS.sharpen());
        return p;
    }

    private static Param<String> column(Params owner, String name, String defaultName, String doc) {
        Param<String> p = new Param<>(owner, name, doc);
        owner.setDefault(p, defaultName);
        return p;
    }
}
