package io.fashionspark.bench;

import java.io.IOException;
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
 * Peak resident memory (Linux {@code VmHWM}) of this JVM and of a Spark application's executors.
 * An executor lives as long as its application, so its high-water mark covers the whole run.
 */
public final class ProcessMemory {
    private ProcessMemory() {
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

    /**
     * Peak resident bytes per executor id, read by tasks on the executors. In local mode the
     * only executor is the driver ("driver"). Runs one Spark job of a few tasks per core.
     */
    public static Map<String, Long> executorPeaks(JavaSparkContext sc) {
        int tasks = Math.max(4, sc.defaultParallelism() * 4);
        List<Integer> seeds = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            seeds.add(i);
        }
        List<Tuple2<String, Long>> peaks = sc.parallelize(seeds, tasks)
                .mapPartitions(it -> List.of(new Tuple2<>(SparkEnv.get().executorId(), peakResidentBytes())).iterator())
                .collect();
        Map<String, Long> byExecutor = new TreeMap<>();
        for (Tuple2<String, Long> p : peaks) {
            byExecutor.merge(p._1(), p._2(), Math::max);
        }
        return byExecutor;
    }
}
