package io.fashionspark.data;

import io.fashionspark.files.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Streaming file digests, as lower-case hex: MD5 to check downloads, SHA-256 for provenance. */
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
