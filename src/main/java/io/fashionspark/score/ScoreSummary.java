package io.fashionspark.score;

import java.util.List;

/**
 * How a scoring run went, counted from the written output.
 *
 * @param files        files listed (one output row each)
 * @param scored       files scored
 * @param sampleErrors the errors of up to three failed files, by path
 */
public record ScoreSummary(long files, long scored, List<String> sampleErrors) {
    /** Compact constructor: keeps an unmodifiable copy of the errors. */
    public ScoreSummary {
        sampleErrors = List.copyOf(sampleErrors);
    }

    /** Files that could not be scored. */
    public long failed() {
        return files - scored;
    }
}
