package io.fashionspark.train;

/** Receives what a training run reports while it runs (on the driver; may be any thread). */
public interface RunObserver {
    /** An epoch finished. */
    void epochDone(EpochMetrics metrics);

    /** An executor was lost; the run goes on. */
    default void executorLost(ExecutorLoss loss) {
    }

    /** An epoch failed and is tried again from the parameters it started with. */
    default void epochRetried(int epoch, int attempt, String reason) {
    }
}
