package io.fashionspark.data;

import io.fashionspark.files.Location;
import java.io.IOException;

/**
 * Reads and validates IDX image and label files (the MNIST / Fashion-MNIST layout).
 *
 * <p>Each file may be gzip-compressed or raw; compression is detected from the gzip magic
 * bytes {@code 1f 8b}, not from the file name. Any dataset in this layout with 28x28 images
 * is accepted, whatever its count. Nothing is allocated from a header count before it has
 * been checked against the bytes actually present, so a corrupt header declaring billions
 * of images is refused without running out of memory. Files on any file system read alike,
 * with the same checks and messages. Runs wherever it is called (in
 * practice on the Spark driver) and holds the whole dataset in memory.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    public static final int IMAGE_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    public static final int LABEL_MAGIC = 0x00000801;
    /** Class count that accepts any label: an IDX label is one unsigned byte. */
    public static final int ANY_LABEL = 256;

    private IdxReader() {
    }

    /**
     * Reads an image file and its label file as one labelled set of {@code classes} classes
     * (labels 0..classes-1).
     *
     * @return the images, labelled, with {@code source} set to the image file's name
     * @throws MissingDataFileException if a file does not exist
     * @throws IdxFormatException       if a file is malformed (see {@link #readImages} and
     *                                  {@link #readLabels}) or the image and label counts differ
     * @throws IOException              if reading fails for another reason
     */
    public static LabeledImages read(Location images, Location labels, int classes) throws IOException {
        byte[] pixels = readImages(images);
        byte[] labelBytes = readLabels(labels, classes);
        int imageCount = pixels.length / LabeledImages.PIXELS;
        if (imageCount != labelBytes.length) {
            throw new IdxFormatException(images.name() + ": expected "
                    + labelBytes.length + " images to match the " + labelBytes.length + " labels of "
                    + labels.name() + ", found " + imageCount);
        }
        return new LabeledImages(images.name(),
                LabeledImages.SIDE, LabeledImages.SIDE, pixels, labelBytes);
    }

    /**
     * Reads an IDX image file of 28x28 unsigned-byte images.
     *
     * @return {@code count * 784} pixel bytes, image after image, row by row
     * @throws MissingDataFileException if the file does not exist
     * @throws IdxFormatException       if the file is empty, its header is truncated, its magic
     *                                  is not 2051, the images are not 28x28, the count is negative,
     *                                  the body is shorter or longer than declared, or the gzip
     *                                  stream is corrupt
     */
    public static byte[] readImages(Location file) throws IOException {
        try (IdxInput in = IdxInput.open(file)) {
            int[] dims = in.readHeader(IMAGE_MAGIC, 3);
            checkCount(in, dims[0], "image");
            if (dims[1] != LabeledImages.SIDE || dims[2] != LabeledImages.SIDE) {
                throw in.error("expected " + LabeledImages.SIDE + "x" + LabeledImages.SIDE
                        + " images, found " + dims[1] + "x" + dims[2]);
            }
            return in.readBody(dims[0], LabeledImages.PIXELS, "images");
        }
    }

    /**
     * Reads an IDX label file of class indices 0..classes-1.
     *
     * @return one label per byte, each in {@code 0..classes-1}
     * @throws MissingDataFileException if the file does not exist
     * @throws IdxFormatException       if the file is empty, its header is truncated, its magic
     *                                  is not 2049, the count is negative, the body is shorter or
     *                                  longer than declared, a label is outside {@code 0..classes-1}, or
     *                                  the gzip stream is corrupt
     */
    public static byte[] readLabels(Location file, int classes) throws IOException {
        try (IdxInput in = IdxInput.open(file)) {
            int[] dims = in.readHeader(LABEL_MAGIC, 1);
            checkCount(in, dims[0], "label");
            byte[] labels = in.readBody(dims[0], 1, "labels");
            int bad = LabeledImages.firstBadLabel(labels, classes);
            if (bad >= 0) {
                throw in.error("expected labels in 0.." + (classes - 1) + ", found "
                        + Byte.toUnsignedInt(labels[bad]) + " at index " + bad);
            }
            return labels;
        }
    }

    private static void checkCount(IdxInput in, int count, String item) throws IdxFormatException {
        if (count < 0) {
            throw in.error("expected a non-negative " + item + " count, found " + count);
        }
    }
}
