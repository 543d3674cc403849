package io.fashionspark.data;

import org.apache.spark.api.java.JavaRDD;

/**
 * One epoch's split of the training table: shuffled training rows in {@code partitions}
 * partitions and the held-out validation rows. Both RDDs are lazy; nothing is collected.
 *
 * @param epoch           0-based epoch
 * @param seed            the split seed of this epoch (recorded in provenance)
 * @param train           training rows, shuffled, one partition per worker
 * @param validation      validation rows
 * @param trainCount      exact number of training rows
 * @param validationCount exact number of validation rows
 */
public record EpochSplit(int epoch, long seed, JavaRDD<ImageRow> train, JavaRDD<ImageRow> validation,
                         long trainCount, long validationCount) {
}
