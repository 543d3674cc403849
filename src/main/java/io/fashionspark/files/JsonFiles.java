package io.fashionspark.files;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one JSON mapping of the project's files: records and maps with snake_case keys, NaN
 * written as the string {@code "NaN"}, unknown keys ignored on reading (files written by a newer
 * version still read). Whole files are written atomically (temporary name, then rename), on any
 * file system.
 */
public final class JsonFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private JsonFiles() {
    }

    /** Writes {@code value} as pretty JSON to {@code target}, atomically. */
    public static void write(Location target, Object value) throws IOException {
        target.writeAtomically(PRETTY.writeValueAsBytes(value));
    }

    /** {@code value} as pretty JSON. */
    public static byte[] pretty(Object value) throws IOException {
        return PRETTY.writeValueAsBytes(value);
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
    public static JsonNode read(Location file) throws IOException {
        try (InputStream in = file.open()) {
            return MAPPER.readTree(in);
        }
    }

    /** Reads a JSON file as a {@code type} (a record or a collection of records). */
    public static <T> T read(Location file, TypeReference<T> type) throws IOException {
        try (InputStream in = file.open()) {
            return MAPPER.readValue(in, type);
        }
    }

    /** Reads a JSON file as a {@code type}. */
    public static <T> T read(Location file, Class<T> type) throws IOException {
        try (InputStream in = file.open()) {
            return MAPPER.readValue(in, type);
        }
    }

    /** {@code value} as the JSON tree it is written as. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
