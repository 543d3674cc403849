package io.fashionspark.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX files, gzip-compressed or raw, including deliberately malformed ones for tests.
 *
 * <p>Nothing is validated: {@link #write} puts exactly the given magic, dimensions and body on
 * disk, so tests can craft wrong magics, wrong shapes and bodies that disagree with the header.
 */
public final class IdxWriter {
    /** Magic number of an IDX image file (unsigned bytes, three dimensions). */
    public static final int IMAGE_MAGIC = 2051;
    /** Magic number of an IDX label file (unsigned bytes, one dimension). */
    public static final int LABEL_MAGIC = 2049;

    private IdxWriter() {
    }

    /** Writes an image file with header {@code (2051, count, rows, cols)} followed by {@code pixels} as given. */
    public static void writeImages(Path file, int count, int rows, int cols, byte[] pixels, boolean gzip)
            throws IOException {
        write(file, IMAGE_MAGIC, new int[] {count, rows, cols}, pixels, gzip);
    }

    /** Writes a label file with header {@code (2049, labels.length)} followed by {@code labels}. */
    public static void writeLabels(Path file, byte[] labels, boolean gzip) throws IOException {
        write(file, LABEL_MAGIC, new int[] {labels.length}, labels, gzip);
    }

    /** Writes {@code magic}, each of {@code dims} as a big-endian int, then {@code body}; gzips it all if asked. */
    public static void write(Path file, int magic, int[] dims, byte[] body, boolean gzip) throws IOException {
        byte[] bytes = encode(magic, dims, body);
        Files.write(file, gzip ? gzip(bytes) : bytes);
    }

    /** The raw IDX bytes {@code write} would put on disk uncompressed. */
    public static byte[] encode(int magic, int[] dims, byte[] body) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
        buffer.putInt(magic);
        for (int d : dims) {
            buffer.putInt(d);
        }
        buffer.put(body);
        return buffer.array();
    }

    /** {@code bytes} compressed as one gzip member. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        return out.toByteArray();
    }
}
