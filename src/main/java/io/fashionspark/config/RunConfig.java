package io.fashionspark.config;

import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The complete effective configuration of a run: one record per concern.
 * {@link #toProperties()} and {@link #fromProperties(Properties)} round-trip exactly.
 */
public record RunConfig(DataConfig data, ModelConfig model, OptimizerConfig optimizer, TrainConfig train) {
    /** Every key this project understands; anything else is rejected by name. */
    public static final Set<String> KEYS = Set.of(
            DataConfig.DIR, DataConfig.VALIDATION_FRACTION, DataConfig.DOWNLOAD_URL, DataConfig.CLASS_NAMES,
            ModelConfig.HIDDEN, ModelConfig.DROPOUT, ModelConfig.DROPOUT_LAYERS, ModelConfig.L2,
            OptimizerConfig.LEARNING_RATE, OptimizerConfig.SCHEDULE, OptimizerConfig.BETA1,
            OptimizerConfig.BETA2, OptimizerConfig.EPSILON,
            TrainConfig.EPOCHS, TrainConfig.BATCH_SIZE, TrainConfig.AVERAGING_FREQUENCY,
            TrainConfig.WORKERS, TrainConfig.SEED, TrainConfig.CHECKPOINTS_KEPT);

    public static final RunConfig DEFAULTS = new RunConfig(
            DataConfig.DEFAULTS, ModelConfig.DEFAULTS, OptimizerConfig.DEFAULTS, TrainConfig.DEFAULTS);

    public RunConfig {
        if (data == null || model == null || optimizer == null || train == null) {
            throw new IllegalArgumentException("every part of the configuration is required");
        }
    }

    /**
     * Builds a configuration from namespaced properties; absent keys take their defaults.
     *
     * @throws IllegalArgumentException naming the first unknown key, mistyped or out-of-range value
     */
    public static RunConfig fromProperties(Properties p) {
        rejectUnknownKeys(p, "configuration");
        return new RunConfig(DataConfig.fromProperties(p), ModelConfig.fromProperties(p),
                OptimizerConfig.fromProperties(p), TrainConfig.fromProperties(p));
    }

    /** All keys with their effective values. */
    public Properties toProperties() {
        Properties p = new Properties();
        data.toProperties(p);
        model.toProperties(p);
        optimizer.toProperties(p);
        train.toProperties(p);
        return p;
    }

    /** The learning rate this configuration uses in 0-based epoch {@code epoch}. */
    public double learningRateAt(int epoch) {
        return optimizer.learningRateAt(epoch, train.epochs());
    }

    static void rejectUnknownKeys(Properties p, String where) {
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw new IllegalArgumentException(key + ": unknown key in " + where
                    + " (expected one of " + new TreeSet<>(KEYS) + ")");
        }
    }
}
