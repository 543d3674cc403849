package io.fashionspark.train;

/**
 * What one executor did during a run, for provenance.
 *
 * @param id            Spark executor id
 * @param host          its host
 * @param tasks         tasks it finished (any job)
 * @param trainingTasks tasks it finished for training jobs (parameter averaging rounds)
 * @param addedEpoch    epoch in which it registered, null if before the first epoch
 * @param removedEpoch  epoch in which it was lost or removed, null if it lasted the run
 * @param removedReason Spark's reason for the removal, null if it lasted the run
 */
public record ExecutorRecord(String id, String host, long tasks, long trainingTasks, Integer addedEpoch,
                             Integer removedEpoch, String removedReason) {
}
