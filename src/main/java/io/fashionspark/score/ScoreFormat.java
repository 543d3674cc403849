package io.fashionspark.score;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The file format of a scoring output folder; each is a Spark data source of the same name. */
public enum ScoreFormat {
    /** One CSV file with a header line. */
    CSV,
    /** Parquet part files, one per scoring partition. */
    PARQUET,
    /** JSON Lines part files, one per scoring partition; null columns are written as null. */
    JSON;

    /**
     * Parses {@code csv}, {@code parquet} or {@code json} (any case).
     *
     * @throws IllegalArgumentException naming {@code --format}, the allowed values and {@code value}
     */
    public static ScoreFormat parse(String value) {
        for (ScoreFormat f : values()) {
            if (f.label().equalsIgnoreCase(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException("--format: expected one of " + Arrays.stream(values())
                .map(ScoreFormat::label).collect(Collectors.joining(", ")) + ", found " + value);
    }

    /** The lower-case name: the command-line value and the Spark data source name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
