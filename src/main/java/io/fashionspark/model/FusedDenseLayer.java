package io.fashionspark.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a hidden layer {@code relu(x W + b)} followed by dropout, computed by
 * {@link FusedDense} in one pass per direction instead of DL4J's dozen of ops. Parameters,
 * initialisation, L2 and updater are {@link DenseLayer}'s (same parameter keys and layout, so a
 * network of these layers has the same parameter vector as one of stock dense layers).
 *
 * <p>Dropout is on the layer's OUTPUT and {@link #getDropoutAfter()} is the probability of
 * DROPPING a unit (TensorFlow's spelling), unlike DL4J's {@code dropOut(p)}, which is on a
 * layer's input and keeps with probability p. "Dropout 0.2 after hidden layer k" is thus
 * {@code dropoutAfter = 0.2} on layer k. Models save this class name in their JSON
 * configuration; models saved with stock dense layers load and run as before.
 */
public class FusedDenseLayer extends DenseLayer {
    private static final long serialVersionUID = 1L;

    private double dropoutAfter;

    /** For JSON deserialization. */
    public FusedDenseLayer() {
        super();
    }

    /** A ReLU layer of {@code nIn} to {@code nOut} units, dropping outputs with probability {@code dropoutAfter}. */
    public FusedDenseLayer(int nIn, int nOut, double dropoutAfter) {
        super();
        if (!(dropoutAfter >= 0 && dropoutAfter < 1)) {
            throw new IllegalArgumentException("dropout after a layer must be in [0, 1), got " + dropoutAfter);
        }
        setNIn(nIn);
        setNOut(nOut);
        setActivationFn(new ActivationReLU());
        this.dropoutAfter = dropoutAfter;
    }

    /** Probability of dropping each output unit while training (0 for none). */
    public double getDropoutAfter() {
        return dropoutAfter;
    }

    public void setDropoutAfter(double dropoutAfter) {
        this.dropoutAfter = dropoutAfter;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FusedDenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        if (getIDropout() != null) {
            throw new IllegalArgumentException("fused dense layers drop their outputs (dropoutAfter), not their inputs");
        }
        if (!(getActivationFn() instanceof ActivationReLU)) {
            throw new IllegalArgumentException("fused dense layers compute ReLU only, configured " + getActivationFn());
        }
        return LayerWiring.wire(new FusedDense(conf, networkDataType), this, conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FusedDenseLayer other && super.equals(o)
                && Double.compare(dropoutAfter, other.dropoutAfter) == 0;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FusedDenseLayer;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(dropoutAfter);
    }

    @Override
    public FusedDenseLayer clone() {
        return (FusedDenseLayer) super.clone();
    }
}
