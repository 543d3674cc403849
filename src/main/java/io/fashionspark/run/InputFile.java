package io.fashionspark.run;

import io.fashionspark.data.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Identity of one input file: name, size in bytes and SHA-256. */
public record InputFile(String path, long bytes, String sha256) {
    /** Measures {@code file} (reads it once to hash it). */
    public static InputFile of(Path file) throws IOException {
        return new InputFile(file.toAbsolutePath().normalize().toString(), Files.size(file), Checksums.sha256Hex(file));
    }
}
