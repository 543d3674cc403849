package io.fashionspark.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained network in a form that ships to executors (broadcast or closure): its configuration
 * as JSON and its parameters as a float array. {@link #network()} rebuilds the network once per
 * executor JVM and reuses it; a rebuilt network is for inference only (no updater state).
 * Inference on it is not thread-safe across tasks, so callers synchronise on the network.
 */
public final class PortableModel implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Networks built in this JVM, the few most recent only: each epoch's validation ships a new model. */
    private static final int CACHED = 4;
    private static final Map<String, MultiLayerNetwork> BUILT = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MultiLayerNetwork> eldest) {
            return size() > CACHED;
        }
    };

    private final String id;
    private final String configJson;
    private final float[] params;

    private PortableModel(String configJson, float[] params) {
        this.id = UUID.randomUUID().toString();
        this.configJson = configJson;
        this.params = params;
    }

    /** Captures {@code net}'s configuration and current parameters (a copy). */
    public static PortableModel of(MultiLayerNetwork net) {
        return new PortableModel(net.getLayerWiseConfigurations().toJson(), net.params().toFloatVector());
    }

    /** The network, built on first use in this JVM and cached by this model's identity. */
    public MultiLayerNetwork network() {
        synchronized (BUILT) {
            return BUILT.computeIfAbsent(id, k -> build());
        }
    }

    /** Class probabilities [n, 10] for scaled features [n, 784], in inference mode. */
    public float[][] probabilities(INDArray features) {
        MultiLayerNetwork net = network();
        synchronized (net) {
            return net.output(features, false).toFloatMatrix();
        }
    }

    /** Forgets this model's cached network in this JVM. */
    public void release() {
        synchronized (BUILT) {
            BUILT.remove(id);
        }
    }

    private MultiLayerNetwork build() {
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(configJson));
        net.init(Nd4j.createFromArray(params).reshape(1, params.length), false);
        return net;
    }
}
