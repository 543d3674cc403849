package io.fashionspark.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A set of grey-scale images with one class label each, as read from an IDX pair.
 *
 * <p>Pixels are stored image after image, row by row, one unsigned byte per pixel
 * ({@code pixels[i * rows * cols + r * cols + c]}). The arrays are shared, not copied (the
 * Fashion-MNIST training set is 47 MB): callers must not modify them. {@link #equals} and
 * {@link #hashCode} compare contents; {@link #toString} summarises.
 *
 * @param source where the images came from (a file name or a generator description)
 * @param rows   image height in pixels
 * @param cols   image width in pixels
 * @param pixels {@code count() * rows * cols} unsigned pixel bytes
 * @param labels one class index per image (an unsigned byte; {@link IdxReader} checks it against the class count)
 */
public record LabeledImages(String source, int rows, int cols, byte[] pixels, byte[] labels) {
    /** Side of a Fashion-MNIST image in pixels. */
    public static final int SIDE = 28;
    /** Pixels per Fashion-MNIST image (28 x 28). */
    public static final int PIXELS = SIDE * SIDE;

    /**
     * Validates the shape.
     *
     * @throws IllegalArgumentException if an array is null, a side is not positive, the pixel
     *                                  count does not match {@code labels.length * rows * cols}
     */
    public LabeledImages {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(source + ": expected positive image sides, found "
                    + rows + "x" + cols);
        }
        long expected = (long) labels.length * rows * cols;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(source + ": expected " + expected + " pixel bytes for "
                    + labels.length + " images of " + rows + "x" + cols + ", found " + pixels.length);
        }
    }

    /** Index of the first label outside {@code 0..classes-1}, or -1 when all are valid. */
    static int firstBadLabel(byte[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if (Byte.toUnsignedInt(labels[i]) >= classes) {
                return i;
            }
        }
        return -1;
    }

    /** Number of images (and labels). */
    public int count() {
        return labels.length;
    }

    /** Pixels per image ({@code rows * cols}). */
    public int imageSize() {
        return rows * cols;
    }

    /**
     * A copy of image {@code i}'s pixels, row by row ({@code rows * cols} bytes, 784 for Fashion-MNIST).
     *
     * @throws IndexOutOfBoundsException if {@code i} is not in {@code 0..count()-1}
     */
    public byte[] image(int i) {
        Objects.checkIndex(i, count());
        int size = imageSize();
        return Arrays.copyOfRange(pixels, i * size, (i + 1) * size);
    }

    /**
     * Image {@code i} as an {@link ImageRow} (id {@code i}, its label, a copy of its pixels).
     *
     * @throws IndexOutOfBoundsException if {@code i} is not in {@code 0..count()-1}
     */
    public ImageRow row(int i) {
        return new ImageRow(i, label(i), image(i));
    }

    /**
     * The label of image {@code i}.
     *
     * @throws IndexOutOfBoundsException if {@code i} is not in {@code 0..count()-1}
     */
    public int label(int i) {
        Objects.checkIndex(i, count());
        return Byte.toUnsignedInt(labels[i]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabeledImages other
                && source.equals(other.source) && rows == other.rows && cols == other.cols
                && Arrays.equals(labels, other.labels) && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, rows, cols, Arrays.hashCode(labels), Arrays.hashCode(pixels));
    }

    @Override
    public String toString() {
        return "LabeledImages[source=" + source + ", count=" + count() + ", " + rows + "x" + cols + "]";
    }
}
