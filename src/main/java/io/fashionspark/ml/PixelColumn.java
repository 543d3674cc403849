package io.fashionspark.ml;

import io.fashionspark.data.LabeledImages;
import io.fashionspark.score.GrayImage;
import io.fashionspark.score.ImageDecoder;
import io.fashionspark.score.ImagePreprocessor;
import io.fashionspark.score.PrepareOptions;
import io.fashionspark.score.UnreadableImageException;
import java.io.Serial;
import java.io.Serializable;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A features column and the conversion of its values to the 784 raw bytes the network was
 * trained on. Pixel values (a vector, an array of numbers, or binary of 784 bytes that is not an
 * image file) are taken as they are: rounded to the nearest integer; anything outside
 * [-0.5, 255.5), NaN or infinite is refused. Images (binary that starts as a PNG, JPEG, GIF or BMP
 * file, see {@link ImageDecoder#isImageFile}, or a struct of Spark's {@code image} source) are
 * decoded and prepared with the {@link PrepareOptions} given, through the scorer's own
 * {@link ImageDecoder} and {@link ImagePreprocessor}, so they predict what {@code score} predicts.
 * Training and inference convert alike. Serializable: it travels to executors in training and
 * inference tasks, where it converts one value at a time.
 */
final class PixelColumn implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final int PIXELS = LabeledImages.PIXELS;
    static final String ACCEPTED = "a vector of " + PIXELS + " values, binary of " + PIXELS
            + " bytes or of an image file, an array of " + PIXELS + " numbers or an image-source struct";

    private final String name;
    private final PrepareOptions prepare;

    PixelColumn(String name, PrepareOptions prepare) {
        this.name = name;
        this.prepare = prepare;
    }

    /**
     * The pixel column {@code field}, checked on the driver without running a job: its type, and
     * a vector's size when the column's ML attribute metadata records one.
     *
     * @throws IllegalArgumentException naming the column, expected and found type or size
     */
    static PixelColumn of(StructField field, PrepareOptions prepare) {
        DataType type = field.dataType();
        boolean numericArray = type instanceof ArrayType array && array.elementType() instanceof NumericType;
        boolean image = isImageStruct(type);
        if (!(type instanceof VectorUDT || type instanceof BinaryType || numericArray || image)) {
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
        return new PixelColumn(field.name(), prepare);
    }

    /** Whether {@code type} is the image source's struct (compared by names and types; nullability varies). */
    private static boolean isImageStruct(DataType type) {
        if (!(type instanceof StructType struct)) {
            return false;
        }
        StructType expected = ImageSchema.columnSchema();
        if (struct.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!struct.fields()[i].name().equals(expected.fields()[i].name())
                    || !struct.fields()[i].dataType().equals(expected.fields()[i].dataType())) {
                return false;
            }
        }
        return true;
    }

    /** The column's name, used in every error. */
    String name() {
        return name;
    }

    /**
     * The 784 raw pixel bytes of one value: an ML vector, {@code byte[]} (784 pixels returned as
     * is, not copied; an image file prepared), a Scala sequence of numbers (how Spark passes
     * arrays), or an image-source row (prepared).
     *
     * @throws IllegalArgumentException naming the column for null, another size or type, a bad
     *                                  value or an image that cannot be read
     */
    byte[] pixels(Object value) {
        if (value instanceof byte[] bytes) {
            if (ImageDecoder.isImageFile(bytes)) {
                return prepared(() -> ImageDecoder.decode(name, bytes));
            }
            requireSize(bytes.length, "bytes");
            return bytes;
        }
        if (value instanceof Row row) {
            return prepared(() -> ImageDecoder.fromInterleaved(name, ImageSchema.getWidth(row),
                    ImageSchema.getHeight(row), ImageSchema.getNChannels(row), ImageSchema.getData(row)));
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

    /** A decoded image through the scorer's preparation; a decoding failure becomes one line naming the column. */
    private byte[] prepared(Decoding decoding) {
        try {
            GrayImage image = decoding.decode();
            return ImagePreprocessor.prepare(image, prepare).pixels();
        } catch (UnreadableImageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A decoding step that may find the image unreadable. */
    @FunctionalInterface
    private interface Decoding {
        GrayImage decode() throws UnreadableImageException;
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
