package io.fashionspark.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fashionspark.data.InvalidDataException;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.files.Location;
import io.fashionspark.train.EpochMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    public static void write(Location file, List<EpochMetrics> epochs) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (EpochMetrics m : epochs) {
            lines.append(JsonFiles.line(m)).append('\n');
        }
        file.writeAtomically(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The epochs of {@code file}; none if it does not exist (no epoch finished yet).
     *
     * @throws InvalidDataException naming the file and line of anything that is not one epoch's JSON object
     */
    public static List<EpochMetrics> read(Location file) throws IOException {
        List<EpochMetrics> out = new ArrayList<>();
        if (!file.isFile()) {
            return out;
        }
        List<String> lines = new String(file.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(parse(file, i + 1, lines.get(i)));
            }
        }
        return out;
    }

    private static EpochMetrics parse(Location file, int line, String text) throws IOException {
        try {
            if (!JsonFiles.parseTree(text).path("epoch").canConvertToInt()) {
                throw new InvalidDataException(file.name() + ": line " + line
                        + ": expected a JSON object with an integer \"epoch\"");
            }
            return JsonFiles.parseLine(text, EpochMetrics.class);
        } catch (JsonProcessingException e) {
            throw new InvalidDataException(file.name() + ": line " + line
                    + ": expected one epoch's JSON object, found " + e.getOriginalMessage(), e);
        }
    }
}
