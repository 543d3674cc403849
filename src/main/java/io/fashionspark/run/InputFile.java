package io.fashionspark.run;

import io.fashionspark.data.Checksums;
import io.fashionspark.files.Location;
import java.io.IOException;

/** Identity of one input file: where it is, its size in bytes and its SHA-256. */
public record InputFile(String path, long bytes, String sha256) {
    /** Measures {@code file} (reads it once to hash it). */
    public static InputFile of(Location file) throws IOException {
        return new InputFile(file.toString(), file.size(), Checksums.sha256Hex(file));
    }
}
