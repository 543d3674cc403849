package io.fashionspark.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Configuration of the softmax output layer with cross-entropy, DL4J's {@link OutputLayer} in all
 * but one step: {@link FusedOutput} adds the bias in a Java loop instead of ND4J's broadcast op.
 * That op hands libnd4j a dimensions array only the op object refers to, and the JIT may let the
 * garbage collector free it while the native call still reads it: training runs with many small
 * rounds crashed there (SIGSEGV in {@code sd::DataBuffer::primary()}). The sum is the same float
 * addition, so results are bit for bit those of the stock layer. Models save this class name;
 * models saved with the stock layer load and run as before.
 */
public class FusedOutputLayer extends OutputLayer {
    private static final long serialVersionUID = 1L;

    /** For JSON deserialization. */
    public FusedOutputLayer() {
        super();
    }

    /** Softmax over {@code nOut} classes from {@code nIn} inputs, trained with multi-class cross-entropy. */
    public FusedOutputLayer(int nIn, int nOut) {
        super();
        setNIn(nIn);
        setNOut(nOut);
        setLossFn(new LossMCXENT());
        setActivationFn(new ActivationSoftmax());
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FusedOutputLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new FusedOutput(conf, networkDataType), this, conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FusedOutputLayer && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FusedOutputLayer;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 2;
    }

    @Override
    public FusedOutputLayer clone() {
        return (FusedOutputLayer) super.clone();
    }
}
