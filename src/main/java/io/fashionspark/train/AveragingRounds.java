package io.fashionspark.train;

import io.fashionspark.data.PixelBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Cuts an epoch's minibatch RDD into averaging rounds without moving data: round r of a
 * partition is its minibatches r*F .. r*F+F-1, so each worker fits at most F minibatches per
 * round, in partition order, and every minibatch exactly once over all rounds. A round's
 * minibatches become float arrays one at a time, in arrays the task's thread reuses
 * ({@link PixelBatch#reusedDataSet()}): DL4J's worker, which prefetches nothing here, fits each
 * before it asks for the next.
 */
final class AveragingRounds {
    private AveragingRounds() {
    }

    /** Round {@code round} (0-based) with {@code frequency} minibatches per partition; lazy. */
    static JavaRDD<DataSet> round(JavaRDD<PixelBatch> minibatches, int round, int frequency) {
        long skip = (long) round * frequency;
        return minibatches.mapPartitions(it -> PixelBatch.reused(slice(it, skip, frequency)), true);
    }

    /** Number of minibatches in each partition (one small job; collects one int per partition). */
    static List<Integer> partitionSizes(JavaRDD<?> minibatches) {
        return minibatches.mapPartitions(it -> {
            int n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return List.of(n).iterator();
        }).collect();
    }

    /** Minibatches in round {@code round} over all partitions of the given sizes. */
    static long roundSize(List<Integer> partitionSizes, int round, int frequency) {
        long n = 0;
        for (int size : partitionSizes) {
            n += Math.max(0, Math.min(frequency, size - (long) round * frequency));
        }
        return n;
    }

    /** The most minibatches one partition of the given sizes fits in round {@code round}: Adam's steps in it. */
    static int roundIterations(List<Integer> partitionSizes, int round, int frequency) {
        int most = 0;
        for (int size : partitionSizes) {
            most = (int) Math.max(most, Math.min(frequency, size - (long) round * frequency));
        }
        return most;
    }

    static <T> Iterator<T> slice(Iterator<T> it, long skip, int take) {
        for (long i = 0; i < skip && it.hasNext(); i++) {
            it.next();
        }
        List<T> out = new ArrayList<>(take);
        while (out.size() < take && it.hasNext()) {
            out.add(it.next());
        }
        return out.iterator();
    }
}
