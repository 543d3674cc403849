package io.fashionspark.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import io.fashionspark.files.Location;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One open IDX file, gzip-compressed or raw, read header first, then body.
 *
 * <p>Compression is detected from the gzip magic bytes, never from the file name. No
 * buffer is sized from the header before it has been checked: a raw body is compared with
 * the file size first, a gzip body is read into a buffer that grows only as bytes arrive.
 * Every failure is an {@link IdxFormatException} or {@link MissingDataFileException} whose
 * message starts with the file name.
 */
final class IdxInput implements Closeable {
    /** Largest array the JVM reliably allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int BUFFER = 1 << 16;
    private static final long TRAILING_SCAN = 1 << 20;

    private final String name;
    private final InputStream in;
    private final boolean gzip;
    private final long fileSize;
    private int headerBytes;

    private IdxInput(String name, InputStream in, boolean gzip, long fileSize) {
        this.name = name;
        this.in = in;
        this.gzip = gzip;
        this.fileSize = fileSize;
    }

    /** Opens {@code file} (on any file system), detecting gzip by its first two bytes. */
    static IdxInput open(Location file) throws IOException {
        String name = file.name();
        if (!file.exists()) {
            throw new MissingDataFileException(name + ": expected a file at " + file + ", found none");
        }
        if (!file.isFile()) {
            throw new MissingDataFileException(name + ": expected a regular file at " + file
                    + ", found a folder or special file");
        }
        long size = file.size();
        BufferedInputStream raw = new BufferedInputStream(file.open(), BUFFER);
        try {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, BUFFER) : raw;
            return new IdxInput(name, in, gzip, size);
        } catch (ZipException | EOFException e) {
            raw.close();
            throw corrupt(name, e);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * Reads the header: the magic number, then {@code dims} big-endian dimension sizes.
     *
     * @return the dimension sizes, unchecked
     * @throws IdxFormatException if the file is empty, the magic differs or the header is truncated
     */
    int[] readHeader(int magic, int dims) throws IOException {
        headerBytes = 4 * (dims + 1);
        byte[] header = new byte[headerBytes];
        int n = readUpTo(header, 0, headerBytes);
        if (n == 0) {
            throw error("expected an IDX file, found an empty " + (gzip ? "gzip stream" : "file"));
        }
        ByteBuffer buffer = ByteBuffer.wrap(header);
        if (n >= 4 && buffer.getInt(0) != magic) {
            throw error("expected magic " + magic + ", found " + buffer.getInt(0));
        }
        if (n < headerBytes) {
            throw error("expected an IDX header of " + headerBytes + " bytes, found " + bytes(n));
        }
        int[] sizes = new int[dims];
        for (int d = 0; d < dims; d++) {
            sizes[d] = buffer.getInt(4 * (d + 1));
        }
        return sizes;
    }

    /**
     * Reads the body of {@code count} items of {@code itemBytes} bytes and checks nothing follows it.
     *
     * @param items plural noun for the messages ("images", "labels")
     * @throws IdxFormatException if the body is shorter or longer than declared, or too large for an array
     */
    byte[] readBody(int count, int itemBytes, String items) throws IOException {
        long declared = (long) count * itemBytes;
        String declaration = "header declares " + count + " " + items + " (" + declared
                + (declared == 1 ? " byte" : " bytes") + "), ";
        return gzip ? readGzipBody(declared, declaration) : readRawBody(declared, declaration);
    }

    private byte[] readRawBody(long declared, String declaration) throws IOException {
        long available = fileSize - headerBytes;
        if (available < declared) {
            throw error(declaration + "found " + bytes(available));
        }
        if (available > declared) {
            throw error(declaration + "found " + bytes(available) + " (" + (available - declared) + " trailing)");
        }
        if (declared > MAX_ARRAY) {
            throw error(declaration + "more than the " + MAX_ARRAY + " bytes one array can hold");
        }
        byte[] body = new byte[(int) declared];
        int n = readUpTo(body, 0, body.length);
        if (n < declared) {
            throw error(declaration + "found " + bytes(n) + " (the file shrank while being read)");
        }
        return body;
    }

    private byte[] readGzipBody(long declared, String declaration) throws IOException {
        if (declared > MAX_ARRAY) {
            long found = skipUpTo(MAX_ARRAY + 1);
            throw error(declaration + (found > MAX_ARRAY
                    ? "more than the " + MAX_ARRAY + " bytes one array can hold"
                    : "found " + bytes(found)));
        }
        byte[] body = new byte[(int) Math.min(declared, BUFFER)];
        int n = 0;
        while (n < declared) {
            if (n == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(declared, 2L * body.length));
            }
            int r = readUpTo(body, n, body.length - n);
            if (r == 0) {
                throw error(declaration + "found " + bytes(n));
            }
            n += r;
        }
        long trailing = skipUpTo(TRAILING_SCAN);
        if (trailing > 0) {
            String more = trailing >= TRAILING_SCAN ? "more than " : "";
            throw error(declaration + "found " + more + bytes(declared + trailing)
                    + " (" + more + trailing + " trailing)");
        }
        return body;
    }

    /** Reads until {@code len} bytes arrived or the stream ended; returns how many arrived. */
    private int readUpTo(byte[] buffer, int off, int len) throws IOException {
        int n = 0;
        try {
            while (n < len) {
                int r = in.read(buffer, off + n, len - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (ZipException | EOFException e) {
            throw corrupt(name, e);
        }
        return n;
    }

    /** Reads and discards up to {@code limit} bytes; returns how many there were. */
    private long skipUpTo(long limit) throws IOException {
        byte[] scratch = new byte[(int) Math.min(BUFFER, limit)];
        long total = 0;
        while (total < limit) {
            int r = readUpTo(scratch, 0, (int) Math.min(scratch.length, limit - total));
            if (r == 0) {
                break;
            }
            total += r;
        }
        return total;
    }

    /** An {@link IdxFormatException} whose message is this file's name, a colon and {@code detail}. */
    IdxFormatException error(String detail) {
        return new IdxFormatException(name + ": " + detail);
    }

    private String bytes(long n) {
        return n + (gzip ? " decompressed" : "") + (n == 1 ? " byte" : " bytes");
    }

    private static IdxFormatException corrupt(String name, IOException cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new IdxFormatException(name + ": expected a valid gzip stream, found corrupt data ("
                + detail + ")", cause);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
