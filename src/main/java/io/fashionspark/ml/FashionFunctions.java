package io.fashionspark.ml;

import io.fashionspark.model.Classifier;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * SQL access to a trained model: {@code SELECT fashion_predict(features) FROM images} returns the
 * predicted class name (e.g. {@code "Ankle boot"}) of a column of 784 pixel intensities 0..255
 * (an ML vector, an {@code array<double>} or any numeric array, or 784 bytes of {@code binary}),
 * or of an image (a PNG, JPEG, GIF or BMP file's bytes, e.g. {@code binaryFile}'s
 * {@code content}, or a struct of the {@code image} source), prepared as the model's
 * {@code fit}, {@code invert} and {@code sharpen} params were when the function was registered.
 * A null input gives null; a value of another size, type or range, or an unreadable image, fails
 * the query with a message naming the function.
 *
 * <p>A UDF runs per row: the network is broadcast once and each executor JVM builds it once
 * (cached by {@link Classifier}), but every row is its own forward pass, serialised per JVM.
 * For bulk scoring use {@link FashionClassifierModel#transform}, which runs one pass per 500 rows.
 */
public final class FashionFunctions {
    /** The name the README and tests use for the function. */
    public static final String DEFAULT_NAME = "fashion_predict";

    private FashionFunctions() {
    }

    /**
     * Registers {@code model} as the SQL function {@code name} (string result) in {@code spark}'s
     * session, replacing any function of that name. Broadcasts the network (on the driver).
     *
     * @return the function, also usable in the DataFrame API: {@code df.select(f.apply(col("features")))}
     * @throws IllegalArgumentException if {@code name} is not a plain SQL identifier
     */
    public static UserDefinedFunction register(SparkSession spark, FashionClassifierModel model, String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("name: expected an SQL identifier ([A-Za-z_][A-Za-z0-9_]*), found '"
                    + name + "'");
        }
        Broadcast<Classifier> shipped = model.shipped(spark.sparkContext());
        PixelColumn pixels = new PixelColumn(name, model.prepareOptions());
        UDF1<Object, String> predict = value -> value == null ? null : className(shipped.value(), pixels.pixels(value));
        return spark.udf().register(name, functions.udf(predict, DataTypes.StringType));
    }

    private static String className(Classifier model, byte[] image) {
        return model.className(model.predict(List.of(image))[0]);
    }
}
