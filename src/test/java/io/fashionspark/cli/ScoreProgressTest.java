package io.fashionspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The scoring progress line: files done, files/s and time left, drawn in place and erased before the summary. */
class ScoreProgressTest {
    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text);
    private final ScoreProgress progress = new ScoreProgress(out);

    @Test
    void drawsFilesRateAndTimeLeftForTheScoringStageOnly() {
        progress.stageSubmitted(4, 10_000, 0L);
        progress.taskEnded(3, 500, 1_000_000_000L);
        assertEquals("", text.toString(), "another stage draws nothing");
        progress.taskEnded(4, 2_000, 1_000_000_000L);
        assertEquals("\rscoring: 2,000/10,000 files  2,000 files/s  eta 4s", text.toString());
        progress.taskEnded(4, 2_100, 1_100_000_000L);
        assertEquals("\rscoring: 2,000/10,000 files  2,000 files/s  eta 4s", text.toString(), "redrawn at most 4 times/s");
        progress.taskEnded(4, 10_000, 2_000_000_000L);
        assertTrue(text.toString().endsWith("\rscoring: 10,000/10,000 files  5,000 files/s  eta 0s"), text.toString());
    }

    @Test
    void finishingErasesTheLineAndLateEventsDrawNothing() {
        progress.stageSubmitted(1, 100, 0L);
        progress.taskEnded(1, 50, 1_000_000_000L);
        String line = "scoring: 50/100 files  50 files/s  eta 1s";
        progress.finish();
        assertEquals("\r" + line + "\r" + " ".repeat(line.length()) + "\r", text.toString());
        progress.taskEnded(1, 100, 2_000_000_000L);
        progress.stageSubmitted(2, 100, 3_000_000_000L);
        assertEquals("\r" + line + "\r" + " ".repeat(line.length()) + "\r", text.toString());
    }
}
