package io.fashionspark.train;

/** An executor that went away while the run was going on. */
public record ExecutorLoss(String executorId, int epoch, String reason) {
}
