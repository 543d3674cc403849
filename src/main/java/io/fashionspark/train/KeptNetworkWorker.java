package io.fashionspark.train;

import io.fashionspark.model.FusedUpdater;
import java.io.Serial;
import java.util.Collection;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's parameter-averaging worker, except that an executor thread keeps the network it built
 * for a training run and, at the start of each later averaging round, copies the broadcast
 * parameters, Adam state and step and epoch counters into it. DL4J's worker builds a new network
 * every round (configuration clone, parameter and gradient arrays, updater, fresh workspaces).
 *
 * <p>Runs on the executors. The round's parameters, Adam state and counters come from a block in
 * the driver's block manager ({@link RoundStart}), the configuration from the epoch's broadcast.
 * A network is kept per task thread ({@link ThreadLocal}), so tasks
 * running side by side never share one; it is replaced when a round of another run (another
 * {@code runKey}) or with another parameter count arrives. The network gets the fused updater
 * ({@link FusedUpdater}), as the driver's does. The round's result is a copy of the kept
 * network's parameters and Adam state in a block of the executor's block manager ({@link BlockResult}).
 */
final class KeptNetworkWorker extends ParameterAveragingTrainingWorker {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<Kept> KEPT = new ThreadLocal<>();

    private final Broadcast<NetBroadcastTuple> broadcast;
    /** Where the round's parameters and Adam state are; null when the broadcast carries them. */
    private final RoundStart start;
    private final long runKey;
    private final List<TrainingListener> listeners;

    private record Kept(long runKey, MultiLayerNetwork network) {
    }

    KeptNetworkWorker(Broadcast<NetBroadcastTuple> broadcast, RoundStart start, long runKey, boolean saveUpdater,
                      WorkerConfiguration configuration, Collection<TrainingHook> hooks,
                      List<TrainingListener> listeners) {
        super(broadcast, saveUpdater, configuration, hooks, listeners, null);
        this.broadcast = broadcast;
        this.start = start;
        this.runKey = runKey;
        this.listeners = listeners == null ? List.of() : List.copyOf(listeners);
    }

    @Override
    public MultiLayerNetwork getInitialModel() {
        NetBroadcastTuple tuple = broadcast.getValue();
        MultiLayerConfiguration conf = tuple.getConfiguration();
        long params = start != null ? start.parameterCount() : tuple.getParameters().length();
        Kept kept = KEPT.get();
        if (kept == null || kept.runKey() != runKey || kept.network().numParams() != params) {
            MultiLayerNetwork fresh = start != null ? fresh(conf) : FusedUpdater.install(super.getInitialModel());
            KEPT.set(new Kept(runKey, fresh));
            return fresh;
        }
        MultiLayerNetwork net = kept.network();
        if (start != null) {
            copyStart(net.params(), net.getUpdater().getStateViewArray());
        } else {
            net.params().assign(tuple.getParameters());
            if (tuple.getUpdaterState() != null) {
                net.getUpdater().getStateViewArray().assign(tuple.getUpdaterState());
            }
        }
        net.getLayerWiseConfigurations().setIterationCount(start != null ? start.iterationCount() : conf.getIterationCount());
        net.getLayerWiseConfigurations().setEpochCount(start != null ? start.epochCount() : conf.getEpochCount());
        net.setListeners(listeners);
        return net;
    }

    /** A network of {@code conf} built around the round's parameters and Adam state, as DL4J's worker builds one. */
    private MultiLayerNetwork fresh(MultiLayerConfiguration conf) {
        MultiLayerConfiguration own = conf.clone();
        own.setIterationCount(start.iterationCount());
        own.setEpochCount(start.epochCount());
        MultiLayerNetwork net = new MultiLayerNetwork(own);
        INDArray params = Nd4j.createUninitialized(DataType.FLOAT, 1, start.parameterCount());
        INDArray state = start.stateCount() > 0 ? Nd4j.createUninitialized(DataType.FLOAT, 1, start.stateCount()) : null;
        copyStart(params, state);
        net.init(params, false);
        if (state != null) {
            net.setUpdater(new FusedUpdater(net, state));
        }
        FusedUpdater.install(net);
        net.setListeners(listeners);
        return net;
    }

    private void copyStart(INDArray params, INDArray state) {
        try {
            start.copyInto(params, state);
        } catch (SparkException e) {
            // Thrown through DL4J's worker interface, which declares none; Spark fails the task.
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** DL4J's result, its arrays put in the executor's block manager ({@link BlockResult}). */
    @Override
    public ParameterAveragingTrainingResult getFinalResult(MultiLayerNetwork network) {
        return BlockResult.put(super.getFinalResult(network), runKey);
    }
}
