package io.fashionspark.ml;

import io.fashionspark.data.LabeledImages;
import java.io.Serial;
import java.io.Serializable;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * A column of 784 pixel intensities and the conversion of its values to the raw bytes the
 * network was trained on. Values are rounded to the nearest integer; anything outside
 * [-0.5, 255.5), NaN or infinite is refused. Training and inference convert alike, so a
 * vector column and the equivalent binary column predict the same. Serializable: it travels to
 * executors in training and inference tasks, where it converts one value at a time.
 */
final class PixelColumn implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final int PIXELS = LabeledImages.PIXELS;
    static final String ACCEPTED = "a vector of " + PIXELS + " values, binary of " + PIXELS
            + " bytes or an array of " + PIXELS + " numbers";

    private final String name;

    PixelColumn(String name) {
        this.name = name;
    }

    /**
     * The pixel column {@code field}, checked on the driver without running a job: its type, and
     * a vector's size when the column's ML attribute metadata records one.
     *
     * @throws IllegalArgumentException naming the column, expected and found type or size
     */
    static PixelColumn of(StructField field) {
        DataType type = field.dataType();
        boolean numericArray = type instanceof ArrayType array && array.elementType() instanceof NumericType;
        if (!(type instanceof VectorUDT || type instanceof BinaryType || numericArray)) {
            throw new IllegalArgumentException(field.name() + ": expected " + ACCEPTED + ", found "
                    + type.simpleString());
        }
        if (type instanceof VectorUDT) {
            int size = AttributeGroup.fromStructField(field).size();
            if (size >= 0 && size != PIXELS) {
                throw new IllegalArgumentException(field.name() + ": expected vectors of " + PIXELS
                        + " values, found " + size + " in the column's ML attribute metadata");
            }
        }
        return new PixelColumn(field.name());
    }

    /** The column's name, used in every error. */
    String name() {
        return name;
    }

    /**
     * The 784 raw pixel bytes of one value: an ML vector, {@code byte[]} (returned as is, not
     * copied), or a Scala sequence of numbers (how Spark passes arrays).
     *
     * @throws IllegalArgumentException naming the column for null, another size or type, or a bad value
     */
    byte[] pixels(Object value) {
        if (value instanceof byte[] bytes) {
            requireSize(bytes.length, "bytes");
            return bytes;
        }
        if (value instanceof Vector vector) {
            requireSize(vector.size(), "values");
            return fromDoubles(vector.toArray());
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            requireSize(seq.length(), "values");
            byte[] out = new byte[PIXELS];
            for (int i = 0; i < PIXELS; i++) {
                if (!(seq.apply(i) instanceof Number n)) {
                    throw new IllegalArgumentException(name + ": expected numeric pixel values, found "
                            + seq.apply(i) + " at index " + i);
                }
                out[i] = toPixel(n.doubleValue(), i);
            }
            return out;
        }
        throw new IllegalArgumentException(name + ": expected " + ACCEPTED + ", found "
                + (value == null ? "null" : "a " + value.getClass().getSimpleName()));
    }

    private void requireSize(int size, String unit) {
        if (size != PIXELS) {
            throw new IllegalArgumentException(name + ": expected " + PIXELS + " " + unit + " per row, found " + size);
        }
    }

    private byte[] fromDoubles(double[] values) {
        byte[] out = new byte[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            out[i] = toPixel(values[i], i);
        }
        return out;
    }

    private byte toPixel(double value, int index) {
        // Written to be false for NaN as well.
        if (!(value >= -0.5 && value < 255.5)) {
            throw new IllegalArgumentException(name + ": expected pixel values in [0, 255], found " + value
                    + " at index " + index);
        }
        return (byte) Math.round(value);
    }
}
