package io.fashionspark.config;

import java.util.Properties;

/**
 * The epoch loop and Spark parameter averaging.
 *
 * @param epochs             number of epochs (recipe: 20)
 * @param batchSize          minibatch size per worker (recipe: 128)
 * @param averagingFrequency minibatches each worker fits between two parameter averagings
 * @param workers            training partitions per epoch; 0 = Spark's default parallelism
 * @param seed               seed of weights, dropout and every epoch's split
 */
public record TrainConfig(int epochs, int batchSize, int averagingFrequency, int workers, long seed) {
    public static final String EPOCHS = "train.epochs";
    public static final String BATCH_SIZE = "train.batch.size";
    public static final String AVERAGING_FREQUENCY = "train.averaging.frequency";
    public static final String WORKERS = "train.workers";
    public static final String SEED = "train.seed";
    public static final TrainConfig DEFAULTS = new TrainConfig(20, 128, 10, 0, 42L);

    public TrainConfig {
        PropertyReader.check(epochs >= 1 && epochs <= 100_000, EPOCHS, "an integer in [1, 100000]", epochs);
        PropertyReader.check(batchSize >= 1 && batchSize <= 1_000_000, BATCH_SIZE,
                "an integer in [1, 1000000]", batchSize);
        PropertyReader.check(averagingFrequency >= 1 && averagingFrequency <= 1_000_000, AVERAGING_FREQUENCY,
                "an integer in [1, 1000000]", averagingFrequency);
        PropertyReader.check(workers >= 0 && workers <= 100_000, WORKERS, "an integer in [0, 100000]", workers);
    }

    static TrainConfig fromProperties(Properties p) {
        PropertyReader r = new PropertyReader(p);
        return new TrainConfig(
                r.integer(EPOCHS, DEFAULTS.epochs),
                r.integer(BATCH_SIZE, DEFAULTS.batchSize),
                r.integer(AVERAGING_FREQUENCY, DEFAULTS.averagingFrequency),
                r.integer(WORKERS, DEFAULTS.workers),
                r.longValue(SEED, DEFAULTS.seed));
    }

    void toProperties(Properties p) {
        p.setProperty(EPOCHS, Integer.toString(epochs));
        p.setProperty(BATCH_SIZE, Integer.toString(batchSize));
        p.setProperty(AVERAGING_FREQUENCY, Integer.toString(averagingFrequency));
        p.setProperty(WORKERS, Integer.toString(workers));
        p.setProperty(SEED, Long.toString(seed));
    }
}
