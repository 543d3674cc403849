package io.fashionspark.model;

import io.fashionspark.data.NdArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam's step as libnd4j computes it, in Java: per element
 * {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; g = alpha m / (sqrt(v) + eps)} with
 * {@code alpha = lr sqrt(1 - b2^t) / (1 - b1^t)}, t = iteration + 1. Gradient and state are
 * copied in bulk to per-thread Java arrays, updated in a loop the JIT vectorises, and copied
 * back. Contiguous float arrays of one layout (DL4J's flattened gradient and state views) are
 * copied straight from their buffers; any other layout goes through c-order copies. Runs
 * wherever the network trains (driver or Spark worker thread).
 */
final class JvmAdamUpdater extends AdamUpdater {
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    JvmAdamUpdater(Adam config) {
        super(config);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        INDArray m = getM();
        INDArray v = getV();
        if (m == null || v == null) {
            throw new IllegalStateException("Adam updater used before its state view array was set");
        }
        if (gradient.length() != m.length() || gradient.length() != v.length() || gradient.length() > Integer.MAX_VALUE) {
            throw new IllegalStateException("Adam: gradient has " + gradient.length() + " elements, state "
                    + m.length() + " + " + v.length());
        }
        float alpha = alpha(iteration, epoch);
        int n = (int) gradient.length();
        float[][] s = scratch(n);
        float[] g = s[0];
        float[] mm = s[1];
        float[] vv = s[2];
        boolean direct = sameFlatLayout(gradient, m) && sameFlatLayout(gradient, v);
        read(gradient, g, n, direct);
        read(m, mm, n, direct);
        read(v, vv, n, direct);
        step(g, mm, vv, n, alpha);
        write(g, gradient, n, direct);
        write(mm, m, n, direct);
        write(vv, v, n, direct);
    }

    /** The step size of {@code iteration} (0-based) in {@code epoch}: {@code lr sqrt(1 - b2^t) / (1 - b1^t)}, t = iteration + 1. */
    float alpha(int iteration, int epoch) {
        Adam c = getConfig();
        double lr = c.getLearningRate(iteration, epoch);
        float alpha = (float) (lr * Math.sqrt(1.0 - Math.pow(c.getBeta2(), iteration + 1.0))
                / (1.0 - Math.pow(c.getBeta1(), iteration + 1.0)));
        if (!Float.isFinite(alpha) || alpha == 0f) {
            alpha = (float) c.getEpsilon(); // libnd4j's fallback
        }
        return alpha;
    }

    /** Both are float arrays whose elements lie contiguously in their buffers in the same order. */
    private static boolean sameFlatLayout(INDArray a, INDArray b) {
        return NdArrays.isContiguousFloat(a) && NdArrays.isContiguousFloat(b)
                && (a.ordering() == b.ordering() || a.isVector() && b.isVector());
    }

    private static void read(INDArray a, float[] dst, int n, boolean direct) {
        if (direct) {
            NdArrays.read(a, dst, n);
        } else {
            System.arraycopy(NdArrays.toFlat(a), 0, dst, 0, n);
        }
    }

    private static void write(float[] src, INDArray a, int n, boolean direct) {
        if (direct) {
            NdArrays.write(src, a, n);
        } else {
            a.assign(NdArrays.fromFlat(java.util.Arrays.copyOf(src, n), a.shape()).castTo(a.dataType()));
        }
    }

    /** {@link #step(float[], float[], float[], int, float, float, float, float)} with this updater's betas and epsilon. */
    void step(float[] g, float[] m, float[] v, int n, float alpha) {
        Adam c = getConfig();
        step(g, m, v, n, (float) c.getBeta1(), (float) c.getBeta2(), (float) c.getEpsilon(), alpha);
    }

    /** The element-wise update, in place: g becomes the step to subtract from the parameters. */
    private static void step(float[] g, float[] m, float[] v, int n, float b1, float b2, float eps, float alpha) {
        float c1 = 1f - b1;
        float c2 = 1f - b2;
        for (int i = 0; i < n; i++) {
            float x = g[i];
            float mi = b1 * m[i] + x * c1;
            float vi = b2 * v[i] + x * x * c2;
            m[i] = mi;
            v[i] = vi;
            g[i] = mi * alpha / ((float) Math.sqrt(vi) + eps);
        }
    }

    private static float[][] scratch(int n) {
        float[][] s = SCRATCH.get();
        if (s[0].length < n) {
            s = new float[][] {new float[n], new float[n], new float[n]};
            SCRATCH.set(s);
        }
        return s;
    }
}
