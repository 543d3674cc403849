package io.fashionspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** The wait for a cluster's executors, on a fake clock: a set count, a count that settles, none at all. */
class ExecutorWaitTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);

    /** Executors registering at the given clock offsets (ms from the start). */
    private IntSupplier registering(long... at) {
        long start = clock.get();
        return () -> {
            int n = 0;
            for (long t : at) {
                n += clock.get() - start >= t ? 1 : 0;
            }
            return n;
        };
    }

    private int await(IntSupplier executors, int expected) {
        return ExecutorWait.await(executors, expected, clock::get, clock::addAndGet);
    }

    @Test
    void waitsForTheSetNumberOfExecutors() {
        long start = clock.get();
        assertEquals(4, await(registering(500, 900, 1_400, 6_000), 4));
        assertTrue(clock.get() - start >= 6_000 && clock.get() - start < 6_200, "returns once the fourth registered");
    }

    @Test
    void withoutASetNumberWaitsUntilTheCountHoldsStill() {
        long start = clock.get();
        // Two executors at once, two more 1.5 s later: a 2 s pause in between would have ended it too early.
        assertEquals(4, await(registering(800, 800, 2_300, 2_300), 0));
        long waited = clock.get() - start;
        assertTrue(waited >= 2_300 + ExecutorWait.STABLE_MS && waited < 2_300 + ExecutorWait.STABLE_MS + 200,
                waited + " ms");
    }

    @Test
    void givesUpAfterTheLongestWaitWithWhatRegistered() {
        long start = clock.get();
        assertEquals(0, await(registering(), 0));
        assertEquals(ExecutorWait.MAX_WAIT_MS, clock.get() - start, 100.0);
        clock.set(1_000_000);
        assertEquals(1, await(registering(100), 3));
    }

    @Test
    void localMastersDoNotWait() {
        long start = System.nanoTime();
        assertEquals(0, ExecutorWait.await(io.fashionspark.testing.SparkTestSession.get().sparkContext()));
        assertTrue(System.nanoTime() - start < 1_000_000_000L);
    }
}
