package io.fashionspark.model;

import io.fashionspark.data.NdArrays;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The output layer of {@link FusedOutputLayer}: DL4J's output layer (softmax, loss, gradients),
 * whose pre-activation {@code x W + b} adds the bias in a Java loop rather than with ND4J's
 * broadcast op (see {@link FusedOutputLayer} for why). Runs wherever the network runs.
 *
 * <p>In training it also takes DL4J's two sums with Java loops: the loss (a sum over the
 * minibatch's cross-entropy terms) and the bias gradient (the sum of the deltas over the
 * minibatch). ND4J's sum ops each allocate a fresh native array to hold their dimensions, so these
 * were the last fresh native allocations of a training iteration; the loops add the same floats
 * in the same order as libnd4j does on one thread (and, at the recipe's minibatch size, on
 * several), so the results are bit for bit the stock layer's. A loss other than DL4J's
 * multi-class cross-entropy, or arrays that are not contiguous floats, take DL4J's code.
 */
public class FusedOutput extends OutputLayer {
    /** The network's regularization term of the last {@link #computeScore} (DL4J keeps its own privately). */
    private double regularizationTerm;
    private ScoreTerms scoreTerms;

    public FusedOutput(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** DL4J's cross-entropy loss of this layer's configuration, or null when it is any other loss. */
    private LossMCXENT crossEntropy() {
        ILossFunction loss = layerConf().getLossFn();
        return loss != null && loss.getClass() == LossMCXENT.class ? (LossMCXENT) loss : null;
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        regularizationTerm = fullNetRegTerm;
        LossMCXENT loss = crossEntropy();
        if (loss == null || input == null || labels == null) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        INDArray preOut = preOutput2d(training, workspaceMgr);
        INDArray labels2d = getLabels2d(workspaceMgr, ArrayType.FF_WORKING_MEM);
        if (scoreTerms == null || scoreTerms.like != loss) {
            scoreTerms = new ScoreTerms(loss);
        }
        INDArray terms = scoreTerms.scoreArray(labels2d, preOut, layerConf().getActivationFn(), maskArray);
        if (!NdArrays.isContiguousFloat(terms)) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        // LossMCXENT.computeScore: minus the sum of the terms, not averaged.
        double s = -sum(terms);
        if (conf().isMiniBatch()) {
            s /= getInputMiniBatchSize();
        }
        s += fullNetRegTerm;
        this.score = s;
        return s;
    }

    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        if (crossEntropy() == null) {
            super.computeGradientAndScore(workspaceMgr);
            return;
        }
        if (input == null || labels == null) {
            return;
        }
        Pair<Gradient, INDArray> fused = gradientsAndDelta(workspaceMgr);
        this.gradient = fused != null ? fused.getFirst() : super.backpropGradient(null, workspaceMgr).getFirst();
        this.score = computeScore(regularizationTerm, true, workspaceMgr);
    }

    @Override
    public void clear() {
        super.clear();
        regularizationTerm = 0;
    }

    /**
     * DL4J's backpropagation of the output layer (delta from the loss, weight gradient by gemm,
     * epsilon for the layer below), with the bias gradient summed in Java.
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Pair<Gradient, INDArray> fused = gradientsAndDelta(workspaceMgr);
        if (fused == null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray delta = fused.getSecond();
        INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                new long[] {w.size(0), delta.size(0)}, 'f');
        epsilonNext = w.mmuli(delta.transpose(), epsilonNext).transpose();
        epsilonNext = backpropDropOutIfPresent(epsilonNext);
        return new Pair<>(fused.getFirst(), epsilonNext);
    }

    /**
     * DL4J's gradients of this layer's parameters and its delta (as its private
     * {@code getGradientsAndDelta}), with the bias gradient summed in Java; null when this layer
     * takes DL4J's code (another loss, arrays that are not contiguous floats).
     */
    private Pair<Gradient, INDArray> gradientsAndDelta(LayerWorkspaceMgr workspaceMgr) {
        INDArray biasGradient = hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
        if (crossEntropy() == null || (biasGradient != null && !NdArrays.isContiguousFloat(biasGradient))) {
            return null;
        }
        INDArray preOut = preOutput2d(true, workspaceMgr);
        INDArray labels2d = getLabels2d(workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray delta = layerConf().getLossFn().computeGradient(labels2d, preOut, layerConf().getActivationFn(),
                maskArray);
        if (biasGradient != null && !(NdArrays.isContiguousFloat(delta) && delta.ordering() == 'c')) {
            return null;
        }
        Gradient g = new DefaultGradient();
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(weightGradient.dataType()), delta, weightGradient, true, false, 1.0, 0.0);
        g.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        if (biasGradient != null) {
            columnSums(delta, biasGradient);
            g.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        }
        return new Pair<>(g, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, delta));
    }

    /** The sum of a contiguous float array's elements, in buffer order, in float (as libnd4j's sum). */
    static float sum(INDArray a) {
        int n = (int) a.length();
        float[] v = new float[n];
        NdArrays.read(a, v, n);
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += v[i];
        }
        return s;
    }

    /**
     * {@code out[j] = sum over rows r of z[r][j]} for a c-ordered contiguous float matrix z, each
     * column summed from the first row down in float (as libnd4j's sum along dimension 0).
     */
    static void columnSums(INDArray z, INDArray out) {
        int rows = (int) z.size(0);
        int cols = (int) z.size(1);
        float[] v = new float[rows * cols];
        NdArrays.read(z, v, v.length);
        float[] s = new float[cols];
        for (int r = 0, o = 0; r < rows; r++, o += cols) {
            for (int j = 0; j < cols; j++) {
                s[j] += v[o + j];
            }
        }
        NdArrays.write(s, out, cols);
    }

    /** Reaches DL4J's cross-entropy terms ({@code log(softmax) * labels}), which it computes in a protected method. */
    private static final class ScoreTerms extends LossMCXENT {
        private static final long serialVersionUID = 1L;
        private final transient LossMCXENT like;

        private ScoreTerms(LossMCXENT like) {
            super(like.getSoftmaxClipEps(), like.getWeights());
            this.like = like;
        }

        @Override
        protected INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
            return super.scoreArray(labels, preOutput, activation, mask);
        }
    }

    /** DL4J's regularization score of this layer's parameters, L2's sum of squares in Java ({@link L2Score}). */
    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return L2Score.of(paramTable(), layerConf()::getRegularizationByParam, getIterationCount(), getEpochCount());
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                          LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(forBackprop);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray b = getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr);
        INDArray x = this.input.castTo(dataType);
        if (x.rank() != 2 || x.columns() != w.rows()) {
            throw new DL4JInvalidInputException("output layer " + getIndex() + ": expected input of shape [n, "
                    + w.rows() + "], got " + java.util.Arrays.toString(x.shape()));
        }
        INDArray ret = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), x.size(0), w.size(1));
        x.castTo(ret.dataType()).mmuli(w, ret);
        if (hasBias()) {
            NdArrays.addRowVector(ret, b);
        }
        if (maskArray != null) {
            applyMask(ret);
        }
        return new Pair<>(ret, ret);
    }
}
