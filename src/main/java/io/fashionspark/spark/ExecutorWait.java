package io.fashionspark.spark;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * Waits, on the driver, for a cluster's executors to register before the first job, so that
 * Spark's default parallelism (and with it the number of training workers when
 * {@code train.workers} is 0) counts them all: on a standalone cluster it is the cores of the
 * executors registered so far, at least 2, and executors register a second or more after the
 * context starts. Without this wait a 4-executor cluster trained with 2 workers.
 *
 * <p>With {@code spark.executor.instances} set (YARN, Kubernetes) it waits for that many; otherwise
 * (standalone) for at least one, then until the count has not changed for {@link #STABLE_MS}. It
 * gives up after {@link #MAX_WAIT_MS} and goes on with what registered. Local masters and dynamic
 * allocation (whose executors come only with tasks) do not wait.
 */
public final class ExecutorWait {
    /** How long the executor count must hold still on a cluster without a set executor count. */
    static final long STABLE_MS = 2_000;
    /** The longest wait. */
    static final long MAX_WAIT_MS = 30_000;
    private static final long POLL_MS = 100;

    private ExecutorWait() {
    }

    /** Waits for {@code sc}'s executors as described above; returns how many registered. */
    public static int await(SparkContext sc) {
        SparkConf conf = sc.getConf();
        if (sc.master().startsWith("local") || conf.getBoolean("spark.dynamicAllocation.enabled", false)) {
            return 0;
        }
        int expected = conf.getInt("spark.executor.instances", 0);
        // The status tracker lists the driver as well.
        return await(() -> Math.max(0, sc.statusTracker().getExecutorInfos().length - 1), expected,
                System::currentTimeMillis, ExecutorWait::sleep);
    }

    /**
     * The waiting rule over a count of registered executors and a clock.
     *
     * @param expected the executors to wait for, or 0 for "at least one, then stable"
     */
    static int await(IntSupplier executors, int expected, LongSupplier clock, Sleeper sleeper) {
        long start = clock.getAsLong();
        int last = executors.getAsInt();
        long lastChange = start;
        while (clock.getAsLong() - start < MAX_WAIT_MS) {
            int now = executors.getAsInt();
            if (now != last) {
                last = now;
                lastChange = clock.getAsLong();
            }
            if (expected > 0 ? now >= expected : now > 0 && clock.getAsLong() - lastChange >= STABLE_MS) {
                return now;
            }
            sleeper.sleep(POLL_MS);
        }
        return last;
    }

    /** Sleeps for a number of milliseconds (tests pass a fake clock's). */
    interface Sleeper {
        void sleep(long millis);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for executors", e);
        }
    }
}
