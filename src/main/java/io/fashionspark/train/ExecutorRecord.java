package io.fashionspark.train;

/**
 * What one executor did during a run, for provenance.
 *
 * @param id            Spark executor id
 * @param host          its host
 * @param tasks         tasks it finished (any job)
 * @param trainingTasks tasks it finished for training jobs (parameter averaging rounds)
 * @param failedTrainingTasks training tasks that failed on it: an error, or lost with the executor
 *                      or with their result on it (Spark runs them again from the same broadcast
 *                      parameters and seeds); tasks cancelled with their job are not counted
 * @param addedEpoch    epoch in which it registered, null if before the first epoch
 * @param removedEpoch  epoch in which it was lost or removed, null if it lasted the run
 * @param removedReason Spark's reason for the removal, null if it lasted the run
 */
public record ExecutorRecord(String id, String host, long tasks, long trainingTasks, long failedTrainingTasks,
                             Integer addedEpoch,
                             Integer removedEpoch, String removedReason) {
}
