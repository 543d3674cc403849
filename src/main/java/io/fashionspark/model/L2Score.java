package io.fashionspark.model;

import io.fashionspark.data.NdArrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * A layer's regularization score, the term DL4J adds to the loss at every minibatch
 * ({@code calcRegularizationScore}). For DL4J's L2, {@code 0.5 * l2 * sum(w^2)}, the sum of squares
 * runs in Java over the parameter buffer in chunks, with four accumulators in double (each square
 * of a float is exact in double); DL4J takes ND4J's norm2 of each weight matrix, 0.8 ms per
 * minibatch of the 576,810-parameter network. Always the same order, so the same parameters give
 * the same score; it may differ from ND4J's in the last digits (its norm is a float). Other
 * regularizations and arrays that are not contiguous floats go to their own {@code score}. Runs
 * wherever the network computes its score.
 */
final class L2Score {
    private static final int CHUNK = 4096;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[CHUNK]);

    private L2Score() {
    }

    /** The sum of every parameter's regularization scores, as DL4J's {@code BaseLayer} sums them. */
    static double of(Map<String, INDArray> params, Function<String, List<Regularization>> byParam, int iteration,
                     int epoch) {
        double score = 0.0;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            List<Regularization> regs = byParam.apply(e.getKey());
            if (regs == null) {
                continue;
            }
            for (Regularization r : regs) {
                if (r.getClass() == L2Regularization.class && NdArrays.isContiguousFloat(e.getValue())) {
                    double l2 = ((L2Regularization) r).getL2().valueAt(iteration, epoch);
                    score += l2 * 0.5 * sumOfSquares(e.getValue());
                } else {
                    score += r.score(e.getValue(), iteration, epoch);
                }
            }
        }
        return score;
    }

    /** The sum of the squares of a contiguous float array's elements ({@link NdArrays#isContiguousFloat}). */
    static double sumOfSquares(INDArray a) {
        float[] x = SCRATCH.get();
        NdArrays.FloatView data = NdArrays.FloatView.of(a);
        int length = (int) a.length();
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int off = 0; off < length; off += CHUNK) {
            int n = Math.min(CHUNK, length - off);
            data.read(off, x, n);
            int i = 0;
            for (; i + 4 <= n; i += 4) {
                double a0 = x[i];
                double a1 = x[i + 1];
                double a2 = x[i + 2];
                double a3 = x[i + 3];
                s0 += a0 * a0;
                s1 += a1 * a1;
                s2 += a2 * a2;
                s3 += a3 * a3;
            }
            for (; i < n; i++) {
                double ai = x[i];
                s0 += ai * ai;
            }
        }
        return (s0 + s1) + (s2 + s3);
    }
}
