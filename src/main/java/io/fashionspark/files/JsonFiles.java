package io.fashionspark.files;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The one JSON mapping of the project's files: records and maps with snake_case keys, NaN
 * written as the string {@code "NaN"}, unknown keys ignored on reading (files written by a newer
 * version still read). Whole files are written atomically (temporary name, then rename).
 */
public final class JsonFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private JsonFiles() {
    }

    /** Writes {@code value} as pretty JSON to {@code target}, atomically. */
    public static void write(Path target, Object value) throws IOException {
        AtomicFiles.write(target, PRETTY.writeValueAsBytes(value));
    }

    /** {@code value} as one line of JSON (no line break), as in a JSON Lines file. */
    public static String line(Object value) throws IOException {
        return MAPPER.writeValueAsString(value);
    }

    /** One line of a JSON Lines file as a {@code type}. */
    public static <T> T parseLine(String line, Class<T> type) throws IOException {
        return MAPPER.readValue(line, type);
    }

    /** One line of a JSON Lines file as a tree. */
    public static JsonNode parseTree(String line) throws IOException {
        return MAPPER.readTree(line);
    }

    /** Reads a JSON file into a tree. */
    public static JsonNode read(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }

    /** Reads a JSON file as a {@code type} (a record or a collection of records). */
    public static <T> T read(Path file, TypeReference<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }

    /** Reads a JSON file as a {@code type}. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }

    /** {@code value} as the JSON tree it is written as. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
