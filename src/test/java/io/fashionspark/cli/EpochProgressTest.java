package io.fashionspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.train.EpochMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal progress bar: drawn in place for training tasks only, erased before the epoch line. */
class EpochProgressTest {
    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text);
    private final EpochProgress progress = new EpochProgress(out, 5, 100);

    @Test
    void drawsTrainingTasksOfTheEpochAndIgnoresOtherJobs() {
        progress.stageSubmitted(3, "fashion-spark-train-0");
        progress.stageSubmitted(4, "something else");
        progress.stageSubmitted(5, null);
        progress.taskEnded(4, 50, 1_000_000_000L);
        progress.taskEnded(5, 50, 1_000_000_000L);
        assertEquals("", text.toString());
        progress.taskEnded(3, 50, 1_000_000_000L);
        assertEquals("\repoch  1/5 [" + "#".repeat(15) + "-".repeat(15) + "] 50/100 minibatches  0s", text.toString());
    }

    @Test
    void theEpochLineErasesTheBarAndLateEventsDoNotRedrawIt() {
        ConsoleReport console = new ConsoleReport(out);
        console.showProgress(progress);
        progress.stageSubmitted(1, "fashion-spark-train-0");
        progress.taskEnded(1, 30, 1_000_000_000L);
        console.epoch(new EpochMetrics(0, 0.9, 0.8, 0.7, 0.01, List.of(), 2.5, 2.0, 1L, 84, 16, 96, 1, List.of(), "", 10, 5), 5);
        String shown = text.toString();
        int bar = shown.indexOf("\repoch  1/5 [");
        int erase = shown.indexOf("\r", bar + 1);
        assertTrue(bar >= 0 && erase > bar, shown);
        String afterErase = shown.substring(erase + 1);
        int lineStart = afterErase.indexOf('\r');
        assertTrue(afterErase.substring(0, lineStart).isBlank(), "the bar is overwritten with spaces");
        String line = afterErase.substring(lineStart + 1);
        assertTrue(line.startsWith("epoch  1/5  train loss 0.9000"), line);
        assertTrue(line.strip().endsWith("2.5s  eta 10s"), line);
        progress.taskEnded(1, 96, 2_000_000_000L);
        assertEquals(shown, text.toString(), "a task end that arrives after its epoch line draws nothing");
        progress.stageSubmitted(2, "fashion-spark-train-1");
        progress.taskEnded(2, 48, 3_000_000_000L);
        assertTrue(text.toString().endsWith("48/96 minibatches  0s"), "the next epoch expects the last one's count");
    }

    @Test
    void withoutTheMinibatchCounterItCountsTasks() {
        progress.stageSubmitted(7, "fashion-spark-train-2");
        progress.taskEnded(7, 0, 5_000_000_000L);
        assertEquals("\repoch  3/5  1 training tasks done  0s", text.toString());
    }
}
