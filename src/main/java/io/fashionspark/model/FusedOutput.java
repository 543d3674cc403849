package io.fashionspark.model;

import io.fashionspark.data.NdArrays;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The output layer of {@link FusedOutputLayer}: DL4J's output layer (softmax, loss, gradients),
 * whose pre-activation {@code x W + b} adds the bias in a Java loop rather than with ND4J's
 * broadcast op (see {@link FusedOutputLayer} for why). Runs wherever the network runs.
 */
public class FusedOutput extends OutputLayer {
    public FusedOutput(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
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
