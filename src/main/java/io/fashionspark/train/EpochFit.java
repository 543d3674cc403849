package io.fashionspark.train;

import java.util.List;

/**
 * What the workers reported for one epoch's fit.
 *
 * @param meanLoss      mean minibatch score on the workers (cross-entropy + L2, dropout on)
 * @param minibatches   number of minibatches fitted across all workers
 * @param learningRates distinct learning rates the workers' updaters used, as "epoch:rate"
 * @param averagingFrequency minibatches each worker fitted between two averagings
 * @param rounds        averaging rounds of the epoch
 */
public record EpochFit(double meanLoss, long minibatches, List<String> learningRates, int averagingFrequency,
                       int rounds) {
}
