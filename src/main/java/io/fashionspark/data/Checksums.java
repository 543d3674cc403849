package io.fashionspark.data;

import io.fashionspark.files.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Digests as lower-case hex: of files, streamed (MD5 to check downloads, SHA-256 for provenance),
 * and SHA-256 of bytes in memory (parameters, photo sets' sources).
 */
public final class Checksums {
    private static final int BUFFER = 1 << 16;

    private Checksums() {
    }

    /**
     * The MD5 of {@code file}'s bytes, read in 64 KB chunks.
     *
     * @throws MissingDataFileException if the file does not exist
     * @throws IOException              if reading fails
     */
    public static String md5Hex(Location file) throws IOException {
        return digestHex(file, "MD5");
    }

    /**
     * The SHA-256 of {@code file}'s bytes, read in 64 KB chunks.
     *
     * @throws MissingDataFileException if the file does not exist
     * @throws IOException              if reading fails
     */
    public static String sha256Hex(Location file) throws IOException {
        return digestHex(file, "SHA-256");
    }

    private static String digestHex(Location file, String algorithm) throws IOException {
        try (InputStream in = file.open()) {
            return digestHex(in, algorithm);
        } catch (NoSuchFileException e) {
            throw new MissingDataFileException(file.name() + ": expected a file at " + file + ", found none", e);
        }
    }

    /** The MD5 of the bytes {@code in} holds to its end. */
    public static String md5Hex(InputStream in) throws IOException {
        return digestHex(in, "MD5");
    }

    /** The SHA-256 of the first {@code lengths[i]} bytes of each of {@code parts}, in turn. */
    public static String sha256Hex(byte[][] parts, int[] lengths) {
        MessageDigest digest = newDigest("SHA-256");
        for (int i = 0; i < parts.length; i++) {
            digest.update(parts[i], 0, lengths[i]);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String digestHex(InputStream in, String algorithm) throws IOException {
        MessageDigest digest = newDigest(algorithm);
        byte[] buffer = new byte[BUFFER];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5 and SHA-256.
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
