package io.fashionspark.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * What a JVM of the bench spent besides the work itself: its peak resident memory (Linux
 * {@code VmHWM}), the time its JIT compilers spent compiling and the time its garbage collectors
 * paused it, since it started. Read for this JVM, or for a Spark application's executors
 * by tasks on them; an executor lives as long as its application, so its figures cover the run.
 * On two cores a JVM's compilers and collectors take their time from the training tasks.
 */
public final class JvmCosts {
    /** Index of the peak resident bytes in {@link #ofThisJvm}. */
    public static final int PEAK_RSS = 0;
    /** Index of the milliseconds spent compiling (the JIT compilers' total, wall-clock). */
    public static final int JIT_MS = 1;
    /**
     * Index of the milliseconds spent collecting, as the collectors' management beans count it: with
     * Java 17's G1, the pauses (young and mixed, full), not the concurrent marking cycles.
     */
    public static final int GC_MS = 2;

    private JvmCosts() {
    }

    /** This process's peak resident set in bytes, or -1 where /proc is not available. */
    public static long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** This JVM's figures, indexed by {@link #PEAK_RSS}, {@link #JIT_MS} and {@link #GC_MS} (-1 where unknown). */
    public static long[] ofThisJvm() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long jitMs = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
        long gcMs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMs += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {peakResidentBytes(), jitMs, gcMs};
    }

    /**
     * The figures of each executor, by executor id, read by tasks on the executors. In local mode
     * the only executor is the driver ("driver"). Runs one Spark job of a few tasks per core; an
     * executor that runs several of them reports its largest (latest) figures.
     */
    public static Map<String, long[]> ofExecutors(JavaSparkContext sc) {
        int tasks = Math.max(4, sc.defaultParallelism() * 4);
        List<Integer> seeds = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            seeds.add(i);
        }
        List<Tuple2<String, long[]>> read = sc.parallelize(seeds, tasks)
                .mapPartitions(it -> List.of(new Tuple2<>(SparkEnv.get().executorId(), ofThisJvm())).iterator())
                .collect();
        Map<String, long[]> byExecutor = new TreeMap<>();
        for (Tuple2<String, long[]> r : read) {
            byExecutor.merge(r._1(), r._2(), JvmCosts::latest);
        }
        return byExecutor;
    }

    private static long[] latest(long[] a, long[] b) {
        long[] m = new long[a.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.max(a[i], b[i]);
        }
        return m;
    }
}
