package io.fashionspark.model;

import io.fashionspark.data.NdArrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer {@link FusedDenseLayer} configures: {@code y = dropout(relu(x W + b))}.
 *
 * <p>Training, forward: one matrix product into an array of the network's activation
 * workspace, then bias, ReLU and dropout in one Java loop (the JIT vectorises it) that also keeps
 * each unit's gate, {@code relu'(z) * mask / keep}. Backward: the incoming gradient times the gate
 * in one loop that also sums the bias gradient, then two matrix products, one into the weight
 * gradient view and one into the input gradient (skipped for the first layer, whose input is
 * the data). Stock DL4J runs the same step as about fifteen libnd4j ops and computes the forward
 * product twice. The Java buffers are the layer's own, sized by the largest minibatch seen, so the
 * steady state allocates nothing but workspace arrays.
 *
 * <p>Dropout masks come from a SplitMix64 stream seeded by one draw of ND4J's generator per
 * forward pass, so seeding that generator before a minibatch (as the trainer does) fixes the
 * masks. Inference runs three ND4J ops (product, bias, ReLU) and keeps no state in the layer. A
 * network in another precision than FLOAT (gradient checks run in DOUBLE) takes the same steps
 * with ND4J ops and the same masks.
 * Not thread-safe for training, like every DL4J layer; runs wherever the network is fitted.
 */
final class FusedDense extends BaseLayer<FusedDenseLayer> {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private float[] gate = new float[0];
    private float[] work = new float[0];
    private float[] bias = new float[0];
    private int gateRows = -1;
    private INDArray referenceGate;

    FusedDense(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** DL4J's regularization score of this layer's parameters, L2's sum of squares in Java ({@link L2Score}). */
    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return L2Score.of(paramTable(), layerConf()::getRegularizationByParam, getIterationCount(), getEpochCount());
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return true;
    }

    @Override
    public void fit(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("a fused dense layer is trained as part of its network");
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        DataType type = dataType;
        INDArray x = input.castTo(type);
        long rows = x.size(0);
        int n = (int) layerConf().getNOut();
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray b = getParam(DefaultParamInitializer.BIAS_KEY);
        // Inference writes column-major like DL4J's dense layer, so that an image's outputs do
        // not depend on how many others share its batch; training loops want rows.
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, type, new long[] {rows, n},
                training ? 'c' : 'f');
        Nd4j.gemm(x, w, out, false, false, 1.0, 0.0);
        if (!training) {
            NdArrays.addRowVector(out, b);
            return layerConf().getActivationFn().getActivation(out, false);
        }
        int size = Math.toIntExact(rows * n);
        ensureCapacity(size, n);
        double drop = layerConf().getDropoutAfter();
        if (drop > 0) {
            drawKeep(size, 1.0 - drop, Nd4j.getRandom().nextLong());
        } else {
            java.util.Arrays.fill(gate, 0, size, 1f);
        }
        float scale = (float) (1.0 / (1.0 - drop));
        gateRows = (int) rows;
        if (type != DataType.FLOAT) {
            return referenceForward(out, b, size, scale);
        }
        NdArrays.read(out, work, size);
        NdArrays.read(b, bias, n);
        forward(work, bias, gate, (int) rows, n, scale);
        NdArrays.write(work, out, size);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        int n = (int) layerConf().getNOut();
        long rows = epsilon.size(0);
        if (rows != gateRows || epsilon.size(1) != n) {
            throw new IllegalStateException("fused dense layer " + getIndex() + ": backprop of "
                    + java.util.Arrays.toString(epsilon.shape()) + " after a training forward pass of " + gateRows + " rows");
        }
        int size = gateRows * n;
        DataType type = dataType;
        INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        INDArray delta;
        if (type == DataType.FLOAT) {
            INDArray eps = NdArrays.isContiguousFloat(epsilon) && (epsilon.ordering() == 'c' || epsilon.isVector())
                    ? epsilon : epsilon.dup('c');
            NdArrays.read(eps, work, size);
            backward(work, gate, bias, gateRows, n);
            delta = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, type, new long[] {rows, n}, 'c');
            NdArrays.write(work, delta, size);
            NdArrays.write(bias, biasGrad, n);
        } else {
            delta = epsilon.castTo(type).mul(referenceGate);
            delta.sum(biasGrad, 0);
        }
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(type), delta, weightGrad, true, false, 1.0, 0.0);

        Gradient ret = new DefaultGradient();
        ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        INDArray epsilonNext = null;
        if (getIndex() > 0) {
            INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
            epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, type,
                    new long[] {rows, w.size(0)}, 'c');
            Nd4j.gemm(delta, w, epsilonNext, false, true, 1.0, 0.0);
        }
        return new Pair<>(ret, epsilonNext);
    }

    /**
     * The same forward step with ND4J ops, for networks in another precision than FLOAT (the
     * gradient checks run in DOUBLE): z + b, then relu'(z + b) * mask * scale as a gate array.
     */
    private INDArray referenceForward(INDArray z, INDArray b, int size, float scale) {
        z.addiRowVector(b);
        float[] mask = java.util.Arrays.copyOf(gate, size);
        try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            // Kept until backprop, outside the forward pass's working memory.
            referenceGate = Nd4j.create(mask, z.shape(), 'c').castTo(z.dataType()).muli(scale)
                    .muli(z.gt(0).castTo(z.dataType()));
        }
        return z.muli(referenceGate);
    }

    private void ensureCapacity(int size, int n) {
        if (work.length < size) {
            work = new float[size];
            gate = new float[size];
        }
        if (bias.length < n) {
            bias = new float[n];
        }
    }

    /** gate[i] = 1 with probability keep, else 0: SplitMix64 over i, two 32-bit draws per 64 bits. */
    private void drawKeep(int size, double keep, long seed) {
        long threshold = (long) Math.floor(keep * 4294967296.0);
        int pairs = size / 2;
        // Branch-free: (u - threshold) >>> 63 is 1 exactly when u < threshold (both in [0, 2^32]);
        // a comparison per unit mispredicted often enough to take three times as long.
        for (int k = 0; k < pairs; k++) {
            long z = mix(seed + (k + 1) * GOLDEN_GAMMA);
            gate[2 * k] = (float) (((z & 0xFFFFFFFFL) - threshold) >>> 63);
            gate[2 * k + 1] = (float) (((z >>> 32) - threshold) >>> 63);
        }
        if ((size & 1) != 0) {
            long z = mix(seed + (pairs + 1) * GOLDEN_GAMMA);
            gate[size - 1] = (float) (((z & 0xFFFFFFFFL) - threshold) >>> 63);
        }
    }

    /** z := relu(z + b) * gate * scale; gate := relu'(z + b) * gate * scale. */
    static void forward(float[] z, float[] b, float[] gate, int rows, int n, float scale) {
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            for (int j = 0; j < n; j++) {
                float v = z[base + j] + b[j];
                float g = v > 0f ? gate[base + j] * scale : 0f;
                gate[base + j] = g;
                z[base + j] = v * g;
            }
        }
    }

    /** e := e * gate (the gradient at the pre-activation); biasGrad := column sums of it. */
    static void backward(float[] e, float[] gate, float[] biasGrad, int rows, int n) {
        java.util.Arrays.fill(biasGrad, 0, n, 0f);
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            for (int j = 0; j < n; j++) {
                float d = e[base + j] * gate[base + j];
                e[base + j] = d;
                biasGrad[j] += d;
            }
        }
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
