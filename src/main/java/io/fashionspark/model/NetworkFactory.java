package io.fashionspark.model;

import io.fashionspark.config.ModelConfig;
import io.fashionspark.config.OptimizerConfig;
import io.fashionspark.config.RunConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.slf4j.LoggerFactory;

/**
 * Builds the recipe's MLP from configuration: 784 - hidden... - one output per class name
 * ({@code data.class.names}, ten for Fashion-MNIST), ReLU, softmax + cross-entropy,
 * Glorot-uniform weights, zero biases, L2 on weights only, Adam ({@link JvmAdam}) with an
 * epoch-indexed schedule.
 *
 * <p>Hidden layers are {@link FusedDenseLayer}s: dense + bias + ReLU + dropout in one pass each
 * way, with "dropout 0.2 after hidden layer k" as {@code dropoutAfter = 0.2} on layer k. (DL4J's
 * stock {@code dropOut(p)} keeps with probability p and applies to a layer's INPUT; models saved
 * with stock layers that way still load and run.) DL4J's
 * {@code l2(c)} adds {@code 0.5 * c * sum(w^2)} to the score, exactly TF's {@code c * l2_loss(w)}.
 * The learning rate is a {@link MapSchedule} keyed by the network's epoch count, so whoever
 * runs the network (driver or Spark worker) uses the rate of the epoch the driver set.
 */
public final class NetworkFactory {
    /** Input width: 28 x 28 pixels. */
    public static final int INPUTS = 784;

    private NetworkFactory() {
    }

    /** The DL4J configuration of {@code config}'s network. */
    public static MultiLayerConfiguration configuration(RunConfig config) {
        ModelConfig model = config.model();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(config.train().seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0.0)
                .updater(adam(config))
                .l2(model.l2())
                .list();
        List<Integer> hidden = model.hidden();
        int in = INPUTS;
        for (int i = 0; i < hidden.size(); i++) {
            double drop = i < model.dropoutLayers() ? model.dropout() : 0.0;
            list.layer(new FusedDenseLayer(in, hidden.get(i), drop));
            in = hidden.get(i);
        }
        list.layer(new FusedOutputLayer(in, config.data().classes()));
        return list.build();
    }

    /**
     * Starts loading ND4J's native backend (about a second) on a daemon thread and returns at once,
     * so that the load overlaps with what the caller does next (reading the data, starting Spark);
     * the first use of ND4J then waits for it to finish instead of loading it again. A load that
     * fails is logged here with its cause, and fails again at that first use. Runs on the driver.
     */
    public static void loadBackendInBackground() {
        Thread loader = new Thread(() -> {
            try {
                Nd4j.create(DataType.FLOAT, 1);
            } catch (Throwable e) {
                LoggerFactory.getLogger(NetworkFactory.class).warn("ND4J's backend did not load: {}", e.toString());
            }
        }, "nd4j-backend-loader");
        loader.setDaemon(true);
        loader.start();
    }

    /** A freshly initialised network of {@code config} with the fused updater ({@link FusedUpdater}); its epoch count is 0. */
    public static MultiLayerNetwork create(RunConfig config) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(config));
        net.init();
        return FusedUpdater.install(net);
    }

    /** Number of trainable parameters of {@code config}'s network (576,810 for the recipe). */
    public static long parameterCount(RunConfig config) {
        long total = 0;
        int in = INPUTS;
        for (int size : config.model().hidden()) {
            total += (long) in * size + size;
            in = size;
        }
        int outputs = config.data().classes();
        return total + (long) in * outputs + outputs;
    }

    private static Adam adam(RunConfig config) {
        OptimizerConfig opt = config.optimizer();
        return new JvmAdam(opt.learningRate(), schedule(config), opt.beta1(), opt.beta2(), opt.epsilon());
    }

    /** Epoch-indexed learning rates: entry e is {@link RunConfig#learningRateAt(int)}. */
    static ISchedule schedule(RunConfig config) {
        Map<Integer, Double> rates = new HashMap<>();
        for (int e = 0; e < config.train().epochs(); e++) {
            rates.put(e, config.learningRateAt(e));
        }
        return new MapSchedule(ScheduleType.EPOCH, rates);
    }
}
