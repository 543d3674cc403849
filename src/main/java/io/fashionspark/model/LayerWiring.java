package io.fashionspark.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The part of DL4J's {@code instantiate} every layer configuration repeats: a new layer gets its
 * listeners, index, parameter view, parameter table (laid out by its configuration's initializer)
 * and configuration. Runs wherever a network is built.
 */
final class LayerWiring {
    private LayerWiring() {
    }

    /** {@code layer} wired to {@code conf} as DL4J's own layer configurations wire theirs. */
    static <L extends Layer> L wire(L layer, org.deeplearning4j.nn.conf.layers.Layer layerConf,
                                    NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                                    INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(layerConf.initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
