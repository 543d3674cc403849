package io.fashionspark.cli;

import io.fashionspark.score.FolderScorer;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Properties;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The progress of a scoring job on one terminal line, redrawn in place with {@code \r}: files
 * done out of the files listed, files per second and the time left. A Spark listener on the
 * driver: the scoring stage carries the number of files listed as the local property
 * {@link FolderScorer#FILES_PROPERTY}, and each task-end event the value of the scorer's file
 * counter ({@link FolderScorer#FILES_ACCUMULATOR}); it never touches the job. Only for
 * interactive terminals ({@link EpochProgress#interactive}).
 */
final class ScoreProgress extends SparkListener {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter out;
    private int stage = -1;
    private long files;
    private long start;
    private long lastDraw;
    private int drawn;
    private boolean finished;

    ScoreProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        Properties p = event.properties();
        String listed = p == null ? null : p.getProperty(FolderScorer.FILES_PROPERTY);
        if (listed != null) {
            stageSubmitted(event.stageInfo().stageId(), Long.parseLong(listed), System.nanoTime());
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        if (event.stageId() == stage) {
            EpochProgress.accumulated(event, FolderScorer.FILES_ACCUMULATOR)
                    .ifPresent(done -> taskEnded(event.stageId(), done, System.nanoTime()));
        }
    }

    /** The scoring stage {@code stageId} of {@code listed} files started at {@code now}. */
    synchronized void stageSubmitted(int stageId, long listed, long now) {
        if (!finished && stage < 0) {
            stage = stageId;
            files = listed;
            start = now;
        }
    }

    /** A task of stage {@code stageId} ended; the file counter then read {@code done}. */
    void taskEnded(int stageId, long done, long now) {
        synchronized (out) {
            synchronized (this) {
                if (finished || stageId != stage || (lastDraw != 0 && now - lastDraw < REDRAW_NANOS && done < files)) {
                    return;
                }
                lastDraw = now;
                double seconds = Math.max((now - start) / 1e9, 1e-3);
                double rate = done / seconds;
                String eta = done == 0 ? "?" : String.format(Locale.ROOT, "%.0fs", Math.max(0, files - done) / rate);
                String line = String.format(Locale.ROOT, "scoring: %,d/%,d files  %,.0f files/s  eta %s",
                        Math.min(done, files), files, rate, eta);
                out.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
                out.flush();
                drawn = Math.max(drawn, line.length());
            }
        }
    }

    /** Erases the line and draws no more: the summary follows. */
    void finish() {
        synchronized (out) {
            synchronized (this) {
                finished = true;
                if (drawn > 0) {
                    out.print("\r" + " ".repeat(drawn) + "\r");
                    out.flush();
                    drawn = 0;
                }
            }
        }
    }
}
