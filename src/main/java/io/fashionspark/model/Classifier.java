package io.fashionspark.model;

import io.fashionspark.data.LabeledImages;
import io.fashionspark.data.NdArrays;
import io.fashionspark.data.Pixels;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained network with its class names: the one type that turns 28x28 grey images into class
 * probabilities and classes. Training's evaluation, prediction, reports, folder scoring, the
 * Spark ML model and the SQL function all go through {@link #probabilities(List)}, which scales
 * the raw pixels as training did ({@link Pixels}) and runs the network in inference mode.
 *
 * <p>A snapshot: it holds the network's configuration as JSON, a copy of its parameters and the
 * names, so it ships to executors (broadcast or closure). The network is rebuilt on first use in
 * each JVM and kept in a small per-model pool, because a network is not thread-safe: concurrent
 * tasks of one executor each borrow their own copy. Rebuilt networks have no updater state.
 */
public final class Classifier implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;
    /** Networks built in this JVM, for the few most recent models only: each epoch's validation ships a new one. */
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
    // An array, not a List: Kryo (Spark's serializer here) cannot rebuild the JDK's immutable lists.
    private final String[] classNames;
    private final double l2Penalty;

    private Classifier(String configJson, float[] params, String[] classNames, double l2Penalty) {
        this.id = UUID.randomUUID().toString();
        this.configJson = configJson;
        this.params = params;
        this.classNames = classNames;
        this.l2Penalty = l2Penalty;
    }

    /**
     * Captures {@code net}'s configuration and current parameters (a copy) with its class names.
     *
     * @throws IllegalArgumentException unless the network takes 784 pixels and has one output per name
     */
    public static Classifier of(MultiLayerNetwork net, List<String> classNames) {
        requireShape(net, classNames);
        return new Classifier(net.getLayerWiseConfigurations().toJson(), NdArrays.toFlat(net.params()),
                classNames.toArray(String[]::new), net.calcRegularizationScore(true));
    }

    /**
     * Checks that {@code net} takes 784 pixels and has one output per name.
     *
     * @throws IllegalArgumentException saying what was expected and found
     */
    static void requireShape(MultiLayerNetwork net, List<String> classNames) {
        Objects.requireNonNull(net, "net");
        long in = net.layerInputSize(0);
        long out = net.layerSize(net.getnLayers() - 1);
        if (in != LabeledImages.PIXELS || out != classNames.size()) {
            throw new IllegalArgumentException("expected a network of " + LabeledImages.PIXELS + " inputs and "
                    + classNames.size() + " outputs (one per class name), found " + in + " inputs and " + out
                    + " outputs");
        }
    }

    /** The L2 penalty of the weights, as DL4J adds it to a score (losses of an evaluation include it). */
    public double l2Penalty() {
        return l2Penalty;
    }

    /** The class names, by label. */
    public List<String> classNames() {
        return List.of(classNames);
    }

    /** Number of classes. */
    public int classes() {
        return classNames.length;
    }

    /**
     * The name of class {@code label}.
     *
     * @throws IndexOutOfBoundsException unless {@code label} is in {@code 0..classes()-1}
     */
    public String className(int label) {
        return classNames[Objects.checkIndex(label, classNames.length)];
    }

    /** Number of parameters of the network. */
    public int parameterCount() {
        return params.length;
    }

    /**
     * Class probabilities [n][classes] of raw 28x28 images (784 grey levels 0..255 each, row by row),
     * in inference mode (no dropout). Runs wherever it is called, on a network of this JVM's pool.
     */
    public float[][] probabilities(List<byte[]> images) {
        if (images.isEmpty()) {
            return new float[0][];
        }
        INDArray features = Pixels.features(images, LabeledImages.PIXELS);
        MultiLayerNetwork net = borrow();
        try {
            INDArray out = net.output(features, false);
            float[][] rows = NdArrays.toRows(out);
            out.close();
            return rows;
        } finally {
            giveBack(net);
            features.close();
        }
    }

    /** The predicted class of each of {@code images}: {@link #argMax} of its probabilities. */
    public int[] predict(List<byte[]> images) {
        float[][] p = probabilities(images);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = argMax(p[i]);
        }
        return out;
    }

    /** Index of the largest value; the first one on ties. This is how every prediction picks its class. */
    public static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The {@code k} most probable classes, most probable first; ties go to the lower class, so the
     * first is {@link #argMax}.
     */
    public static int[] ranking(float[] probabilities, int k) {
        int[] top = new int[Math.min(k, probabilities.length)];
        boolean[] taken = new boolean[probabilities.length];
        for (int t = 0; t < top.length; t++) {
            int best = -1;
            for (int c = 0; c < probabilities.length; c++) {
                if (!taken[c] && (best < 0 || probabilities[c] > probabilities[best])) {
                    best = c;
                }
            }
            taken[best] = true;
            top[t] = best;
        }
        return top;
    }

    /**
     * A network of this model for the calling thread's exclusive use until {@link #giveBack}:
     * one from this JVM's pool, or a new one built from the configuration and parameters.
     */
    public MultiLayerNetwork borrow() {
        synchronized (BUILT) {
            MultiLayerNetwork net = BUILT.computeIfAbsent(id, k -> new ArrayDeque<>()).pollFirst();
            if (net != null) {
                return net;
            }
        }
        return network();
    }

    /** Returns a network from {@link #borrow} to the pool. */
    public void giveBack(MultiLayerNetwork net) {
        synchronized (BUILT) {
            BUILT.computeIfAbsent(id, k -> new ArrayDeque<>()).addFirst(net);
        }
    }

    /** A new network of this model, for the caller alone (no updater state). */
    public MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(configJson));
        net.init(NdArrays.fromFlat(params, 1, params.length), false);
        return net;
    }

    /** Forgets this model's pooled networks in this JVM. */
    public void release() {
        synchronized (BUILT) {
            BUILT.remove(id);
        }
    }
}
