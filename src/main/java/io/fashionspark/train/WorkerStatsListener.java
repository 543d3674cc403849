package io.fashionspark.train;

import java.io.Serial;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Runs inside every Spark worker's network and reports, through Spark accumulators, the
 * minibatch losses and the learning rate the worker's updater actually used. One instance
 * (fresh accumulators) per epoch; the driver reads the accumulators after the epoch's fit.
 * Each loss comes with its step and partition, and {@link #meanLoss} adds them in that order,
 * not in the order tasks finished: the same run gives the same mean to the last bit.
 */
final class WorkerStatsListener extends BaseTrainingListener implements java.io.Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final CollectionAccumulator<double[]> losses;
    private final LongAccumulator minibatches;
    private final CollectionAccumulator<String> learningRates;

    WorkerStatsListener(CollectionAccumulator<double[]> losses, LongAccumulator minibatches,
                        CollectionAccumulator<String> learningRates) {
        this.losses = losses;
        this.minibatches = minibatches;
        this.learningRates = learningRates;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        TaskContext task = TaskContext.get();
        losses.add(new double[] {iteration, task == null ? 0 : task.partitionId(), model.score()});
        minibatches.add(1);
        if (model instanceof MultiLayerNetwork net
                && net.getLayer(0).conf().getLayer() instanceof BaseLayer layer) {
            IUpdater updater = layer.getIUpdater();
            // Record "epoch:lr" once per distinct value; the driver checks it against the schedule.
            String entry = epoch + ":" + updater.getLearningRate(iteration, epoch);
            if (!learningRates.value().contains(entry)) {
                learningRates.add(entry);
            }
        }
    }

    /** Mean of {@code losses} (entries of step, partition, loss) added in (step, partition) order; NaN if none. */
    static double meanLoss(List<double[]> losses) {
        double sum = 0;
        for (double[] l : losses.stream().sorted(Comparator.<double[]>comparingDouble(l -> l[0])
                .thenComparingDouble(l -> l[1])).toList()) {
            sum += l[2];
        }
        return losses.isEmpty() ? Double.NaN : sum / losses.size();
    }
}
