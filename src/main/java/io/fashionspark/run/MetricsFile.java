package io.fashionspark.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fashionspark.data.InvalidDataException;
import io.fashionspark.files.AtomicFiles;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.train.EpochMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader and writer of epoch metrics: a JSON Lines file, one {@link EpochMetrics} per
 * line with snake_case keys ({@code metrics.jsonl} of a run folder and of each checkpoint).
 * Keys added by later versions are ignored; keys missing from older files read as zero or empty.
 */
public final class MetricsFile {
    /** The run folder's metrics file, rewritten after each epoch. */
    public static final String NAME = "metrics.jsonl";

    private MetricsFile() {
    }

    /** Rewrites {@code file} atomically with one line per epoch. */
    public static void write(Path file, List<EpochMetrics> epochs) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (EpochMetrics m : epochs) {
            lines.append(JsonFiles.line(m)).append('\n');
        }
        AtomicFiles.write(file, lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The epochs of {@code file}; none if it does not exist (no epoch finished yet).
     *
     * @throws InvalidDataException naming the file and line of anything that is not one epoch's JSON object
     */
    public static List<EpochMetrics> read(Path file) throws IOException {
        List<EpochMetrics> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(parse(file, i + 1, lines.get(i)));
            }
        }
        return out;
    }

    private static EpochMetrics parse(Path file, int line, String text) throws IOException {
        try {
            if (!JsonFiles.parseTree(text).path("epoch").canConvertToInt()) {
                throw new InvalidDataException(file.getFileName() + ": line " + line
                        + ": expected a JSON object with an integer \"epoch\"");
            }
            return JsonFiles.parseLine(text, EpochMetrics.class);
        } catch (JsonProcessingException e) {
            throw new InvalidDataException(file.getFileName() + ": line " + line
                    + ": expected one epoch's JSON object, found " + e.getOriginalMessage(), e);
        }
    }
}
