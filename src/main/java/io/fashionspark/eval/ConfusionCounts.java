package io.fashionspark.eval;

import java.io.Serial;
import java.io.Serializable;

/**
 * Mergeable partial result of an evaluation: confusion counts [true][predicted] and the sum of
 * per-example cross-entropy. Built per partition on executors, merged by Spark's reduce.
 */
public final class ConfusionCounts implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final long[][] counts;
    private double crossEntropySum;

    public ConfusionCounts(int classes) {
        this.counts = new long[classes][classes];
    }

    /** Records one example. */
    public void add(int actual, int predicted, double crossEntropy) {
        counts[actual][predicted]++;
        crossEntropySum += crossEntropy;
    }

    /** Adds {@code other} into this and returns this. */
    public ConfusionCounts merge(ConfusionCounts other) {
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                counts[i][j] += other.counts[i][j];
            }
        }
        crossEntropySum += other.crossEntropySum;
        return this;
    }

    /** A copy of the confusion matrix, rows = true class, columns = predicted class. */
    public long[][] matrix() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    public long correct() {
        long n = 0;
        for (int i = 0; i < counts.length; i++) {
            n += counts[i][i];
        }
        return n;
    }

    public double crossEntropySum() {
        return crossEntropySum;
    }
}
