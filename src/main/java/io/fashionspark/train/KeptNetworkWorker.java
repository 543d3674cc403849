package io.fashionspark.train;

import io.fashionspark.model.FusedUpdater;
import java.io.Serial;
import java.util.Collection;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * DL4J's parameter-averaging worker, except that an executor thread keeps the network it built
 * for a training run and, at the start of each later averaging round, copies the broadcast
 * parameters, Adam state and step and epoch counters into it. DL4J's worker builds a new network
 * every round (configuration clone, parameter and gradient arrays, updater, fresh workspaces).
 *
 * <p>Runs on the executors. A network is kept per task thread ({@link ThreadLocal}), so tasks
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
    private final long runKey;
    private final List<TrainingListener> listeners;

    private record Kept(long runKey, MultiLayerNetwork network) {
    }

    KeptNetworkWorker(Broadcast<NetBroadcastTuple> broadcast, long runKey, boolean saveUpdater,
                      WorkerConfiguration configuration, Collection<TrainingHook> hooks,
                      List<TrainingListener> listeners) {
        super(broadcast, saveUpdater, configuration, hooks, listeners, null);
        this.broadcast = broadcast;
        this.runKey = runKey;
        this.listeners = listeners == null ? List.of() : List.copyOf(listeners);
    }

    @Override
    public MultiLayerNetwork getInitialModel() {
        NetBroadcastTuple tuple = broadcast.getValue();
        MultiLayerConfiguration conf = tuple.getConfiguration();
        Kept kept = KEPT.get();
        if (kept == null || kept.runKey() != runKey || kept.network().numParams() != tuple.getParameters().length()) {
            MultiLayerNetwork fresh = FusedUpdater.install(super.getInitialModel());
            KEPT.set(new Kept(runKey, fresh));
            return fresh;
        }
        MultiLayerNetwork net = kept.network();
        net.params().assign(tuple.getParameters());
        if (tuple.getUpdaterState() != null) {
            net.getUpdater().getStateViewArray().assign(tuple.getUpdaterState());
        }
        net.getLayerWiseConfigurations().setIterationCount(conf.getIterationCount());
        net.getLayerWiseConfigurations().setEpochCount(conf.getEpochCount());
        net.setListeners(listeners);
        return net;
    }

    /** DL4J's result, its arrays put in the executor's block manager ({@link BlockResult}). */
    @Override
    public ParameterAveragingTrainingResult getFinalResult(MultiLayerNetwork network) {
        return BlockResult.put(super.getFinalResult(network), runKey);
    }
}
