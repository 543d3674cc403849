package io.fashionspark.train;

/** Receives what a training run reports while it runs (on the driver; may be any thread). */
public interface RunObserver {
    /** An epoch finished. */
    void epochDone(EpochMetrics metrics);

    /**
     * An epoch finished and {@code network} holds its result (parameters and Adam state); called
     * instead of {@link #epochDone(EpochMetrics)} by the epoch loop, so checkpointing observers
     * can save it before anything else happens. Do not keep the network.
     */
    default void epochDone(EpochMetrics metrics, org.deeplearning4j.nn.multilayer.MultiLayerNetwork network) {
        epochDone(metrics);
    }

    /** An executor was lost; the run goes on. */
    default void executorLost(ExecutorLoss loss) {
    }

    /** An epoch failed and is tried again from the parameters it started with. */
    default void epochRetried(int epoch, int attempt, String reason) {
    }
}
