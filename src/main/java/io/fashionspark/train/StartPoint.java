package io.fashionspark.train;

import io.fashionspark.config.RunConfig;
import io.fashionspark.model.NetworkFactory;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Where a training run starts: a fresh network at epoch 0, or a checkpoint's network (with its
 * Adam state) after {@code done.size()} completed epochs.
 *
 * @param network    the network to continue training (on the driver)
 * @param firstEpoch the 0-based epoch to run next
 * @param done       metrics of the epochs already completed, in order
 */
public record StartPoint(MultiLayerNetwork network, int firstEpoch, List<EpochMetrics> done) {
    public StartPoint {
        done = List.copyOf(done);
        if (firstEpoch != done.size()) {
            throw new IllegalArgumentException("first epoch: expected " + done.size() + " (epochs done), found "
                    + firstEpoch);
        }
    }

    /** A new network of {@code config}, before its first epoch. */
    public static StartPoint fresh(RunConfig config) {
        return new StartPoint(NetworkFactory.create(config), 0, List.of());
    }

    /**
     * Continues from a checkpointed network: a network of {@code config} (so an allowed change
     * of, say, the learning rate takes effect) with the checkpoint's parameters, Adam state and
     * iteration count (Adam's step counter, which its bias correction depends on): the run goes
     * on exactly as if it had not stopped.
     *
     * @throws IllegalArgumentException when the checkpoint's architecture differs from {@code config}'s
     */
    public static StartPoint resume(RunConfig config, MultiLayerNetwork checkpoint, List<EpochMetrics> done) {
        MultiLayerNetwork net = NetworkFactory.create(config);
        if (net.numParams() != checkpoint.numParams()) {
            throw new IllegalArgumentException("model.hidden: the checkpoint has " + checkpoint.numParams()
                    + " parameters, the configuration " + net.numParams() + "; the architecture cannot change on resume");
        }
        net.setParams(checkpoint.params().dup());
        net.getUpdater().setStateViewArray(net, checkpoint.getUpdater().getStateViewArray().dup(), false);
        net.setEpochCount(done.size());
        net.setIterationCount(checkpoint.getIterationCount());
        return new StartPoint(net, done.size(), done);
    }
}
