package io.fashionspark.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fashionspark.data.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes records and maps as JSON with snake_case keys: whole files atomically (temporary
 * name, then rename), and JSON Lines by appending one complete line at a time.
 */
public final class JsonFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE_MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private JsonFiles() {
    }

    /** Writes {@code value} as pretty JSON to {@code target}, atomically. */
    public static void write(Path target, Object value) throws IOException {
        writeAtomically(target, MAPPER.writeValueAsBytes(value));
    }

    /** {@code value} as one line of JSON (no line break). */
    public static String line(Object value) throws IOException {
        return LINE_MAPPER.writeValueAsString(value);
    }

    /** Reads a JSON file into a tree (tests and the report command use it). */
    public static com.fasterxml.jackson.databind.JsonNode read(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }

    /** Writes {@code bytes} to a temporary file beside {@code target}, then renames it into place. */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = AtomicFiles.tempSibling(target, ".tmp");
        try {
            Files.write(tmp, bytes);
            AtomicFiles.moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
