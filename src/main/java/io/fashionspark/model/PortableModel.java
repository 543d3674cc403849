package io.fashionspark.model;

import io.fashionspark.data.NdArrays;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained network in a form that ships to executors (broadcast or closure): its configuration
 * as JSON and its parameters as a float array. Networks are rebuilt from them on first use in an
 * executor JVM and reused; a rebuilt network is for inference only (no updater state).
 * A network is not thread-safe, so each JVM keeps a small pool per model: concurrent tasks
 * (several cores of one executor) each borrow their own copy.
 */
public final class PortableModel implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Networks built in this JVM, the few most recent only: each epoch's validation ships a new model. */
    private static final int CACHED = 4;
    private static final Map<String, Deque<MultiLayerNetwork>> BUILT = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<MultiLayerNetwork>> eldest) {
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
        return new PortableModel(net.getLayerWiseConfigurations().toJson(), NdArrays.toFlat(net.params()));
    }

    /**
     * A network of this model for the calling thread's exclusive use until {@link #giveBack}:
     * one from this JVM's pool, or a new one built from the configuration and parameters.
     */
    public MultiLayerNetwork borrow() {
        Deque<MultiLayerNetwork> pool;
        synchronized (BUILT) {
            pool = BUILT.computeIfAbsent(id, k -> new ArrayDeque<>());
            MultiLayerNetwork net = pool.pollFirst();
            if (net != null) {
                return net;
            }
        }
        return build();
    }

    /** Returns a network from {@link #borrow} to the pool. */
    public void giveBack(MultiLayerNetwork net) {
        synchronized (BUILT) {
            BUILT.computeIfAbsent(id, k -> new ArrayDeque<>()).addFirst(net);
        }
    }

    /** A network of this model; not thread-safe: for a single thread (e.g. local previews). */
    public MultiLayerNetwork network() {
        MultiLayerNetwork net = borrow();
        giveBack(net);
        return net;
    }

    /** Class probabilities [n][10] for scaled features [n, 784], in inference mode. */
    public float[][] probabilities(INDArray features) {
        MultiLayerNetwork net = borrow();
        try {
            INDArray out = net.output(features, false);
            float[][] rows = NdArrays.toRows(out);
            out.close();
            return rows;
        } finally {
            giveBack(net);
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
        net.init(NdArrays.fromFlat(params, 1, params.length), false);
        return net;
    }
}
