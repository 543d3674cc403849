package io.fashionspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** Round jobs are told from other jobs by their stage's call site, and split into parts. */
class RoundTimerTest {
    @Test
    void roundsAreTheAveragingCollectsAndTheirDriverGapRestartsAfterOtherJobs() throws Exception {
        SparkContext sc = SparkTestSession.get().sparkContext();
        JavaRDD<Integer> rdd = JavaSparkContext.fromSparkContext(sc).parallelize(List.of(1, 2, 3, 4), 2);
        RoundTimer timer = new RoundTimer();
        sc.addSparkListener(timer);
        try {
            round(sc, rdd);
            Thread.sleep(30);
            round(sc, rdd);
            rdd.count(); // another job: the next round's gap is not driver work between rounds
            round(sc, rdd);
            sc.listenerBus().waitUntilEmpty();
        } finally {
            sc.removeSparkListener(timer);
        }

        List<RoundTimer.Round> rounds = timer.rounds();
        assertEquals(3, rounds.size());
        assertTrue(Double.isNaN(rounds.get(0).driver()), "first round has no driver gap");
        assertTrue(rounds.get(1).driver() >= 30, "the pause between rounds is driver time: " + rounds.get(1));
        assertTrue(Double.isNaN(rounds.get(2).driver()), "a job in between resets the gap");
        for (RoundTimer.Round r : rounds) {
            assertTrue(r.scheduling() >= 0 && r.results() >= 0 && r.taskFast() <= r.taskSlow(), r.toString());
            assertEquals(2, r.tasks(), r.toString());
            // Each task's result is a serialised Integer[] of its two elements: some tens of bytes.
            assertTrue(r.resultBytes() > 2 * 20 && r.resultBytes() < 2 * 2000, r.toString());
        }
    }

    private static void round(SparkContext sc, JavaRDD<Integer> rdd) {
        sc.setCallSite("collect at " + RoundTimer.ROUND_STAGE + ".java:1");
        try {
            rdd.map(x -> x * 2).collect();
        } finally {
            sc.clearCallSite();
        }
    }
}
