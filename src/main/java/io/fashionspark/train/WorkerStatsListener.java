package io.fashionspark.train;

import java.io.Serial;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.DoubleAccumulator;
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
 */
final class WorkerStatsListener extends BaseTrainingListener implements java.io.Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final DoubleAccumulator lossSum;
    private final LongAccumulator minibatches;
    private final CollectionAccumulator<String> learningRates;

    WorkerStatsListener(DoubleAccumulator lossSum, LongAccumulator minibatches,
                        CollectionAccumulator<String> learningRates) {
        this.lossSum = lossSum;
        this.minibatches = minibatches;
        this.learningRates = learningRates;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        lossSum.add(model.score());
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
}
