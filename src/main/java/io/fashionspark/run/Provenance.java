package io.fashionspark.run;

import io.fashionspark.train.ExecutorLoss;
import io.fashionspark.train.ExecutorRecord;
import java.util.List;
import java.util.Map;

/**
 * Where a run's result came from, written as {@code provenance.json} next to its model.
 *
 * @param build      project / Spark / DL4J / Java versions and git commit
 * @param master     Spark master URL
 * @param executors  executors that took part, with tasks run (training tasks apart) and when they came or went
 * @param executorLosses executors lost during the run and the epoch of each loss
 * @param workers    training partitions per epoch
 * @param inputs     size and SHA-256 of every input file
 * @param splitSeeds split seed of each epoch, in epoch order
 * @param splitRows  rows of each epoch's split as [train, validation]
 * @param startedAt  ISO-8601 start time
 * @param finishedAt ISO-8601 end time
 * @param timings    seconds: setup, train, test, total, and JVM start to first epoch
 * @param config     the effective configuration
 * @param parametersSha256 SHA-256 of the final parameters ({@code ParameterDigest}): the same for a rerun with the same
 *                   seed and worker count
 * @param averagingFrequency minibatches each worker fitted between averagings in the last epoch: the
 *                   configured {@code train.averaging.frequency}, or what {@code auto} chose for the worker count
 * @param roundsPerEpoch averaging rounds of the last epoch
 */
public record Provenance(BuildInfo build, String master, List<ExecutorRecord> executors,
                         List<ExecutorLoss> executorLosses, int workers, List<InputFile> inputs,
                         List<Long> splitSeeds, List<long[]> splitRows, String startedAt, String finishedAt,
                         Map<String, Double> timings, Map<String, String> config, String parametersSha256,
                         int averagingFrequency, int roundsPerEpoch) {
}
