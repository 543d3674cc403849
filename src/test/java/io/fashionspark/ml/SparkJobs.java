package io.fashionspark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.testing.SparkTestSession;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.function.Executable;

/** Counts the Spark jobs an action starts, through job groups and Spark's status tracker. */
final class SparkJobs {
    private SparkJobs() {
    }

    /** Runs {@code action}, expecting an IllegalArgumentException and no Spark job; returns the exception. */
    static IllegalArgumentException rejectedWithoutJob(Executable action) {
        String group = "no-job-" + UUID.randomUUID();
        IllegalArgumentException e;
        JavaSparkContext sc = context();
        sc.setJobGroup(group, "must not start a job");
        try {
            e = assertThrows(IllegalArgumentException.class, action);
        } finally {
            sc.clearJobGroup();
        }
        assertEquals(0, jobsIn(group), "Spark jobs started before the error: " + e.getMessage());
        return e;
    }

    /** Runs {@code action} in a fresh job group and returns how many jobs it started. */
    static int jobsStartedBy(Runnable action) {
        String group = "counted-" + UUID.randomUUID();
        JavaSparkContext sc = context();
        sc.setJobGroup(group, "counted");
        try {
            action.run();
        } finally {
            sc.clearJobGroup();
        }
        return jobsIn(group);
    }

    /**
     * Jobs recorded for {@code group}. The status tracker learns of jobs from listener events,
     * which arrive in order: once a fence job run afterwards is visible, every earlier one is.
     */
    private static int jobsIn(String group) {
        JavaSparkContext sc = context();
        String fence = "fence-" + UUID.randomUUID();
        sc.setJobGroup(fence, "fence");
        try {
            sc.parallelize(List.of(1), 1).count();
        } finally {
            sc.clearJobGroup();
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (sc.statusTracker().getJobIdsForGroup(fence).length == 0) {
            assertTrue(System.nanoTime() < deadline, "the fence job never reached the status tracker");
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return sc.statusTracker().getJobIdsForGroup(group).length;
    }

    private static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    }
}
