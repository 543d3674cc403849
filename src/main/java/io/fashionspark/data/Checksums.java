package io.fashionspark.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
    public static String md5Hex(Path file) throws IOException {
        return digestHex(file, "MD5");
    }

    /**
     * The SHA-256 of {@code file}'s bytes, read in 64 KB chunks.
     *
     * @throws MissingDataFileException if the file does not exist
     * @throws IOException              if reading fails
     */
    public static String sha256Hex(Path file) throws IOException {
        return digestHex(file, "SHA-256");
    }

    private static String digestHex(Path file, String algorithm) throws IOException {
        MessageDigest digest = newDigest(algorithm);
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw new MissingDataFileException(InvalidDataException.fileName(file) + ": expected a file at "
                    + file.toAbsolutePath() + ", found none", e);
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
