package io.fashionspark.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's single-precision matrix-multiply rate through ND4J (OpenBLAS sgemm), with the
 * threads this JVM was given (OMP_NUM_THREADS). Runs in the calling JVM.
 */
public final class GemmProbe {
    private GemmProbe() {
    }

    /**
     * GFLOP/s of C = A B for A [m, k], B [k, n]: the best of {@code repeats} timed multiplies
     * after two warm-ups, counting 2 m n k floating-point operations each.
     */
    public static double gflops(int m, int k, int n, int repeats) {
        Nd4j.getRandom().setSeed(1);
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, new long[] {m, n}, 'f');
        int inner = Math.max(1, (int) (2e9 / (2.0 * m * n * k)));
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats + 2; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < inner; i++) {
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            }
            double seconds = (System.nanoTime() - t0) / 1e9 / inner;
            if (r >= 2) {
                best = Math.min(best, seconds);
            }
        }
        return 2.0 * m * n * k / best / 1e9;
    }
}
