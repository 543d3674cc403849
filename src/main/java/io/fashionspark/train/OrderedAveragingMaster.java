package io.fashionspark.train;

import io.fashionspark.data.NdArrays;
import java.util.OptionalDouble;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaRDDLike;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's parameter-averaging master with the averaging made exact and reproducible, on the driver:
 * <ul>
 *   <li>the workers' parameters and Adam states are collected in partition order and summed in
 *       that order, whatever order the tasks finish in (DL4J's tree aggregation adds them as they
 *       arrive, so a rerun differs in the last bits);</li>
 *   <li>a worker without a minibatch in the round (an uneven partition's last rounds) is left out
 *       of the average;</li>
 *   <li>the network's iteration count, which is Adam's step counter, advances by the minibatches
 *       a worker fitted in the round (DL4J always adds a whole averaging frequency, also after a
 *       short last round);</li>
 *   <li>it is told each round's size instead of counting it with a Spark job;</li>
 *   <li>workers keep their network between rounds instead of building one per round
 *       ({@link KeptNetworkWorker}) and leave their results in their executors' block managers
 *       ({@link BlockResult}), which the driver starts reading as each task's result arrives
 *       ({@link RoundCollect}) and sums into arrays it keeps from round to round
 *       ({@link RoundSums}).</li>
 * </ul>
 */
final class OrderedAveragingMaster extends ParameterAveragingTrainingMaster {
    private long roundCount = -1;
    private int roundIterations;
    private RoundSums sums;
    /** The current round's parameters and Adam state on the driver; null between rounds. */
    private RoundStart start;
    /** The configuration, broadcast once for all rounds of this master (one epoch). */
    private Broadcast<NetBroadcastTuple> configuration;
    private long rounds;

    private final long runKey;

    /** A master for one training run: {@code runKey} tells the workers' kept networks of this run from others. */
    OrderedAveragingMaster(ParameterAveragingTrainingMaster.Builder builder, long runKey) {
        super(builder);
        this.runKey = runKey;
    }

    /**
     * As DL4J's, but the workers keep their networks between rounds ({@link KeptNetworkWorker}) and
     * read the round's parameters, Adam state and counters from a block the driver puts
     * ({@link RoundStart}); the configuration is broadcast once per master (an epoch), and the
     * arrays with it each round only if the block manager refuses the block.
     */
    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkDl4jMultiLayer network) {
        MultiLayerNetwork net = network.getNetwork();
        JavaSparkContext sc = network.getSparkContext();
        removeStart();
        if (configuration == null) {
            configuration = sc.broadcast(new NetBroadcastTuple(net.getLayerWiseConfigurations(), null, null));
        }
        Broadcast<NetBroadcastTuple> broadcast = configuration;
        start = RoundStart.put(configuration.id(), rounds++, net);
        if (start == null) {
            broadcast = sc.broadcast(new NetBroadcastTuple(net.getLayerWiseConfigurations(), net.params(),
                    net.getUpdater().getStateViewArray()));
        }
        WorkerConfiguration configuration = new WorkerConfiguration(false, rddDataSetNumExamples, batchSizePerWorker,
                averagingFrequency, prefetchNumBatches, collectTrainingStats);
        return new KeptNetworkWorker(broadcast, start, runKey, saveUpdater, configuration, trainingHookList, listeners);
    }

    /** Removes the current round's start block from the driver, if any (after a round, and when an epoch ends). */
    void removeStart() {
        if (start != null) {
            start.remove();
            start = null;
        }
    }

    /** The next round: {@code minibatches} over all workers, at most {@code iterations} for one worker. */
    void setRound(long minibatches, int iterations) {
        roundCount = minibatches;
        roundIterations = iterations;
    }

    @Override
    protected <T, R extends JavaRDDLike<T, R>> long getTotalDataSetObjectCount(JavaRDDLike<T, R> data) {
        return roundCount >= 0 ? roundCount : super.getTotalDataSetObjectCount(data);
    }

    @Override
    protected void processResults(SparkDl4jMultiLayer network, SparkComputationGraph graph,
                                  JavaRDD<ParameterAveragingTrainingResult> results, int splitNum, int totalSplits) {
        if (network == null) {
            throw new UnsupportedOperationException("the trainer averages MultiLayerNetworks only");
        }
        MultiLayerNetwork net = network.getNetwork();
        INDArray stateView = net.getUpdater().getStateViewArray();
        if (sums == null) {
            sums = new RoundSums((int) net.numParams(), stateView == null ? 0 : (int) stateView.length());
        }
        RoundCollect round;
        try {
            round = RoundCollect.of(results);
        } finally {
            removeStart();
        }
        OptionalDouble score;
        try {
            score = sums.average(round.results(), round.reads());
        } catch (SparkException e) {
            // The epoch's retry recognises a Spark failure by the SparkException among the causes.
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (score.isEmpty()) {
            return;
        }
        NdArrays.write(sums.params, net.params(), sums.params.length);
        if (stateView != null && sums.hasState) {
            NdArrays.write(sums.state, stateView, sums.state.length);
        }
        network.setScore(score.getAsDouble());
        net.getLayerWiseConfigurations().setIterationCount(net.getIterationCount() + roundIterations);
    }
}
