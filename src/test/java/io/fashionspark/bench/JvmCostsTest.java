package io.fashionspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.testing.SparkTestSession;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** The bench's per-JVM figures: read in this JVM, and by tasks of the executors. */
class JvmCostsTest {

    @Test
    void theLocalExecutorIsThisJvmAndItsFiguresOnlyGrow() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        long[] before = JvmCosts.ofThisJvm();
        assertTrue(before[JvmCosts.PEAK_RSS] > 0, "Linux reports a peak resident set");
        assertTrue(before[JvmCosts.JIT_MS] > 0, "this JVM has compiled code by now");
        Map<String, long[]> executors = JvmCosts.ofExecutors(sc);
        assertEquals(Set.of("driver"), executors.keySet(), "local mode: the driver is the only executor");
        long[] read = executors.get("driver");
        long[] after = JvmCosts.ofThisJvm();
        for (int i : new int[] {JvmCosts.PEAK_RSS, JvmCosts.JIT_MS, JvmCosts.GC_MS}) {
            assertTrue(before[i] <= read[i] && read[i] <= after[i],
                    "figure " + i + " read by the tasks lies between this JVM's before and after: " + before[i] + " "
                            + read[i] + " " + after[i]);
        }
    }
}
