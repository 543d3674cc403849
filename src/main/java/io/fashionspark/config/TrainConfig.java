package io.fashionspark.config;

import java.util.Properties;

/**
 * The epoch loop and Spark parameter averaging.
 *
 * @param epochs             number of epochs (recipe: 20)
 * @param batchSize          minibatch size per worker (recipe: 128)
 * @param averagingFrequency minibatches each worker fits between two parameter averagings, or
 *                           {@link #AUTO}: the rule of {@link #averagingFrequencyFor}
 * @param workers            training partitions per epoch; 0 = Spark's default parallelism
 * @param seed               seed of weights, dropout and every epoch's split
 * @param checkpointsKept    how many of the newest per-epoch checkpoints a run folder keeps
 */
public record TrainConfig(int epochs, int batchSize, int averagingFrequency, int workers, long seed,
                          int checkpointsKept) {
    public static final String EPOCHS = "train.epochs";
    public static final String BATCH_SIZE = "train.batch.size";
    public static final String AVERAGING_FREQUENCY = "train.averaging.frequency";
    public static final String WORKERS = "train.workers";
    public static final String SEED = "train.seed";
    public static final String CHECKPOINTS_KEPT = "train.checkpoints.keep";
    public static final Range EPOCHS_RANGE = Range.integers(EPOCHS, 1, 100_000);
    public static final Range BATCH_SIZE_RANGE = Range.integers(BATCH_SIZE, 1, 1_000_000);
    public static final Range AVERAGING_FREQUENCY_RANGE = Range.integers(AVERAGING_FREQUENCY, 1, 1_000_000);
    /** {@code train.averaging.frequency=auto}: the frequency follows the worker count. */
    public static final int AUTO = 0;
    /** The frequency as an integer setting where {@link #AUTO} (0) stands for {@code auto} (the ML stage's param). */
    public static final Range AVERAGING_FREQUENCY_OR_AUTO_RANGE = Range.integers(AVERAGING_FREQUENCY, AUTO, 1_000_000);
    /** How {@code auto} is written in a configuration. */
    public static final String AUTO_VALUE = "auto";
    /**
     * Under {@code auto}, the most minibatches all workers together fit between two averagings
     * when there are more than {@link #AUTO_FEW_WORKERS} workers: 2,560 images at batch 128.
     */
    public static final int AUTO_MINIBATCHES_PER_ROUND = 20;
    /** As {@link #AUTO_MINIBATCHES_PER_ROUND}, up to {@link #AUTO_FEW_WORKERS} workers. */
    public static final int AUTO_MINIBATCHES_PER_ROUND_FEW = 40;
    /** The most workers that {@link #AUTO_MINIBATCHES_PER_ROUND_FEW} is for. */
    public static final int AUTO_FEW_WORKERS = 4;
    public static final Range WORKERS_RANGE = Range.integers(WORKERS, 0, 100_000);
    public static final Range CHECKPOINTS_KEPT_RANGE = Range.integers(CHECKPOINTS_KEPT, 1, 1000);
    public static final TrainConfig DEFAULTS = new TrainConfig(20, 128, AUTO, 0, 42L, 2);

    public TrainConfig {
        EPOCHS_RANGE.check(epochs);
        BATCH_SIZE_RANGE.check(batchSize);
        if (averagingFrequency != AUTO) {
            AVERAGING_FREQUENCY_RANGE.check(averagingFrequency);
        }
        WORKERS_RANGE.check(workers);
        CHECKPOINTS_KEPT_RANGE.check(checkpointsKept);
    }

    /** A configuration keeping the default number of checkpoints. */
    public TrainConfig(int epochs, int batchSize, int averagingFrequency, int workers, long seed) {
        this(epochs, batchSize, averagingFrequency, workers, seed, 2);
    }

    static TrainConfig fromProperties(Properties p) {
        PropertyReader r = new PropertyReader(p);
        return new TrainConfig(
                r.integer(EPOCHS, DEFAULTS.epochs),
                r.integer(BATCH_SIZE, DEFAULTS.batchSize),
                r.integerOr(AVERAGING_FREQUENCY_RANGE, AUTO_VALUE, AUTO, DEFAULTS.averagingFrequency),
                r.integer(WORKERS, DEFAULTS.workers),
                r.longValue(SEED, DEFAULTS.seed),
                r.integer(CHECKPOINTS_KEPT, DEFAULTS.checkpointsKept));
    }

    void toProperties(Properties p) {
        p.setProperty(EPOCHS, Integer.toString(epochs));
        p.setProperty(BATCH_SIZE, Integer.toString(batchSize));
        p.setProperty(AVERAGING_FREQUENCY, averagingFrequencyValue(averagingFrequency));
        p.setProperty(WORKERS, Integer.toString(workers));
        p.setProperty(SEED, Long.toString(seed));
        p.setProperty(CHECKPOINTS_KEPT, Integer.toString(checkpointsKept));
    }

    /** {@code frequency} as a configuration writes it: the number, or {@code auto} for {@link #AUTO}. */
    public static String averagingFrequencyValue(int frequency) {
        return frequency == AUTO ? AUTO_VALUE : Integer.toString(frequency);
    }

    /** True when the frequency follows the worker count ({@code auto}). */
    public boolean autoAveraging() {
        return averagingFrequency == AUTO;
    }

    /**
     * Minibatches each of {@code workers} workers fits between two averagings, when each holds at
     * most {@code minibatchesPerWorker} of an epoch: the configured frequency, or under {@code auto}
     * {@code 40 / workers} up to 4 workers and {@code 20 / workers} beyond, rounded down and at
     * least 1 (20 for the 2-worker recipe, 10 for 4, 2 for 8, 1 for 16): the fewest rounds measured
     * to keep the recipe's accuracy (with 8 workers, averaging every 5 lost 0.004 of it); and one
     * round per epoch for a single worker, whose average is itself.
     */
    public int averagingFrequencyFor(int workers, int minibatchesPerWorker) {
        if (averagingFrequency != AUTO) {
            return averagingFrequency;
        }
        if (workers <= 1) {
            return Math.max(1, minibatchesPerWorker);
        }
        int perRound = workers <= AUTO_FEW_WORKERS ? AUTO_MINIBATCHES_PER_ROUND_FEW : AUTO_MINIBATCHES_PER_ROUND;
        return Math.max(1, perRound / workers);
    }
}
