package io.fashionspark.train;

import java.util.List;

/**
 * One line of {@code metrics.jsonl}: what one epoch did and measured.
 *
 * @param epoch               0-based epoch
 * @param trainLoss           mean worker minibatch score (cross-entropy + L2, dropout on)
 * @param valLoss             validation cross-entropy + L2 (inference mode)
 * @param valAccuracy         validation accuracy
 * @param learningRate        the schedule's learning rate for this epoch
 * @param workerLearningRates the rates the workers' updaters reported, as "epoch:rate"
 * @param seconds             wall time of the epoch (split, fit and validation)
 * @param fitSeconds          wall time of the distributed fit alone
 * @param splitSeed           seed of this epoch's train/validation split
 * @param trainRows           training rows this epoch
 * @param validationRows      validation rows this epoch
 * @param minibatches         minibatches fitted across all workers
 * @param attempts            1, or more when the epoch failed and was run again from its starting parameters
 * @param executorsLost       ids of executors lost while the epoch ran
 * @param paramSha256         SHA-256 of the parameters after the epoch ({@code ParameterDigest}); empty in older files
 * @param averagingFrequency  minibatches each worker fitted between two averagings (the configured
 *                            value, or what {@code auto} chose); 0 in older files
 * @param rounds              averaging rounds of the epoch; 0 in older files
 */
public record EpochMetrics(int epoch, double trainLoss, double valLoss, double valAccuracy, double learningRate,
                           List<String> workerLearningRates, double seconds, double fitSeconds, long splitSeed,
                           long trainRows, long validationRows, long minibatches, int attempts,
                           List<String> executorsLost, String paramSha256, int averagingFrequency, int rounds) {
    /** Copies the lists; absent ones (older files) are empty. */
    public EpochMetrics {
        workerLearningRates = workerLearningRates == null ? List.of() : List.copyOf(workerLearningRates);
        executorsLost = executorsLost == null ? List.of() : List.copyOf(executorsLost);
        paramSha256 = paramSha256 == null ? "" : paramSha256;
    }
}
