package io.fashionspark.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.collection.JavaConverters;

/**
 * A live progress bar of the running epoch on one terminal line, redrawn in place with
 * {@code \r}: minibatches fitted so far out of the epoch's expected number. A Spark listener on
 * the driver: it counts the tasks of the training job group and reads the trainer's named
 * minibatch accumulator from their task-end events; it never touches the training itself.
 * Only for interactive terminals ({@link #interactive}); all drawing holds the lock of the
 * shared {@code out}, so {@link ConsoleReport} can erase the bar before printing a line.
 */
final class EpochProgress extends SparkListener {
    /** Job group of an epoch's training jobs, followed by the 0-based epoch (set by train.SparkTrainer). */
    static final String TRAINING_GROUP_PREFIX = io.fashionspark.train.ExecutorWatch.TRAINING_GROUP_PREFIX;
    /** Name of the trainer's per-epoch minibatch counter, followed by the epoch. */
    static final String MINIBATCH_ACCUMULATOR_PREFIX = io.fashionspark.train.SparkTrainer.MINIBATCH_ACCUMULATOR_PREFIX;
    private static final int BAR = 30;
    private static final long REDRAW_NANOS = 150_000_000L;

    private final PrintWriter out;
    private final int epochs;
    private final Map<Integer, Integer> stageEpochs = new ConcurrentHashMap<>();
    private long expected;
    private int epoch = -1;
    private int lastDone = -1;
    private long tasks;
    private long minibatches;
    private long epochStart;
    private long lastDraw;
    private int drawn;

    /**
     * @param expectedMinibatches estimate of an epoch's minibatches (corrected by each finished epoch)
     */
    EpochProgress(PrintWriter out, int epochs, long expectedMinibatches) {
        this.out = out;
        this.epochs = epochs;
        this.expected = Math.max(1, expectedMinibatches);
    }

    /** True for an interactive terminal: a console, TERM set and not "dumb", and not under CI. */
    static boolean interactive(Map<String, String> env, boolean hasConsole) {
        String term = env.get("TERM");
        return hasConsole && term != null && !term.isBlank() && !term.equals("dumb") && env.get("CI") == null;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        Properties p = event.properties();
        stageSubmitted(event.stageInfo().stageId(), p == null ? null : p.getProperty("spark.jobGroup.id"));
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        Integer taskEpoch = stageEpochs.get(event.stageId());
        if (taskEpoch != null) {
            taskEnded(event.stageId(), minibatchesSoFar(event, taskEpoch), System.nanoTime());
        }
    }

    /** A stage of job group {@code group} (null if none) was submitted. */
    void stageSubmitted(int stageId, String group) {
        if (group != null && group.startsWith(TRAINING_GROUP_PREFIX)) {
            try {
                stageEpochs.put(stageId, Integer.parseInt(group.substring(TRAINING_GROUP_PREFIX.length())));
            } catch (NumberFormatException e) {
                // Another job group with the same prefix: not an epoch of ours, so no progress to show.
            }
        }
    }

    /** A task of stage {@code stageId} ended; the epoch's minibatch counter then read {@code counted}. */
    void taskEnded(int stageId, long counted, long now) {
        Integer taskEpoch = stageEpochs.get(stageId);
        if (taskEpoch == null) {
            return;
        }
        synchronized (out) {
            if (taskEpoch <= lastDone) {
                return;
            }
            if (taskEpoch != epoch) {
                epoch = taskEpoch;
                tasks = 0;
                minibatches = 0;
                epochStart = now;
                lastDraw = 0;
            }
            tasks++;
            minibatches = Math.max(minibatches, counted);
            if (lastDraw == 0 || now - lastDraw >= REDRAW_NANOS) {
                lastDraw = now;
                draw(now);
            }
        }
    }

    /** Erases the bar (before a line is printed); caller holds the lock of {@code out}. */
    void clear() {
        if (drawn > 0) {
            out.print("\r" + " ".repeat(drawn) + "\r");
            out.flush();
            drawn = 0;
        }
    }

    /** Epoch {@code done} finished with {@code actual} minibatches: erase its bar and expect as many next time. */
    void epochDone(int done, long actual) {
        synchronized (out) {
            clear();
            lastDone = Math.max(lastDone, done);
            if (actual > 0) {
                expected = actual;
            }
        }
    }

    /** The epoch runs again from its start: count from zero. */
    void restart() {
        synchronized (out) {
            clear();
            epoch = -1;
        }
    }

    private void draw(long now) {
        String line;
        if (minibatches > 0) {
            double share = Math.min(1.0, (double) minibatches / expected);
            int filled = (int) Math.round(share * BAR);
            line = String.format(Locale.ROOT, "epoch %2d/%d [%s%s] %d/%d minibatches  %.0fs", epoch + 1, epochs,
                    "#".repeat(filled), "-".repeat(BAR - filled), Math.min(minibatches, expected), expected,
                    (now - epochStart) / 1e9);
        } else {
            line = String.format(Locale.ROOT, "epoch %2d/%d  %d training tasks done  %.0fs", epoch + 1, epochs, tasks,
                    (now - epochStart) / 1e9);
        }
        out.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        out.flush();
        drawn = Math.max(drawn, line.length());
    }

    private static long minibatchesSoFar(SparkListenerTaskEnd event, int epoch) {
        return accumulated(event, MINIBATCH_ACCUMULATOR_PREFIX + epoch).orElse(0);
    }

    /**
     * The value the named accumulator had when the task of {@code event} ended (all tasks'
     * updates so far), or empty when the task reported none.
     */
    static OptionalLong accumulated(SparkListenerTaskEnd event, String name) {
        if (event.taskInfo() == null) {
            return OptionalLong.empty();
        }
        for (AccumulableInfo info : JavaConverters.seqAsJavaList(event.taskInfo().accumulables())) {
            if (info.name().isDefined() && name.equals(info.name().get()) && info.value().isDefined()
                    && info.value().get() instanceof Number n) {
                return OptionalLong.of(n.longValue());
            }
        }
        return OptionalLong.empty();
    }
}
