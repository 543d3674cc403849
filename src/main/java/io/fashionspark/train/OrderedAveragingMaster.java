package io.fashionspark.train;

import io.fashionspark.data.NdArrays;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
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
 *       ({@link KeptNetworkWorker}).</li>
 * </ul>
 */
final class OrderedAveragingMaster extends ParameterAveragingTrainingMaster {
    private long roundCount = -1;
    private int roundIterations;
    private Sums sums;

    private final long runKey;

    /** A master for one training run: {@code runKey} tells the workers' kept networks of this run from others. */
    OrderedAveragingMaster(ParameterAveragingTrainingMaster.Builder builder, long runKey) {
        super(builder);
        this.runKey = runKey;
    }

    /** As DL4J's, but the workers keep their networks between rounds ({@link KeptNetworkWorker}). */
    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkDl4jMultiLayer network) {
        MultiLayerNetwork net = network.getNetwork();
        NetBroadcastTuple tuple = new NetBroadcastTuple(net.getLayerWiseConfigurations(), net.params(),
                net.getUpdater().getStateViewArray());
        Broadcast<NetBroadcastTuple> broadcast = network.getSparkContext().broadcast(tuple);
        WorkerConfiguration configuration = new WorkerConfiguration(false, rddDataSetNumExamples, batchSizePerWorker,
                averagingFrequency, prefetchNumBatches, collectTrainingStats);
        return new KeptNetworkWorker(broadcast, runKey, saveUpdater, configuration, trainingHookList, listeners);
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
            sums = new Sums((int) net.numParams(), stateView == null ? 0 : (int) stateView.length());
        }
        RoundCollect round = RoundCollect.of(results);
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

    /**
     * The running sums of a round, reused every round: the workers' parameters and Adam states
     * added in list (partition) order, then divided by their number, the same float operations in
     * the same order as ND4J's {@code addi} and {@code divi} over the results.
     */
    static final class Sums {
        final float[] params;
        final float[] state;
        boolean hasState;

        Sums(int params, int state) {
            this.params = new float[params];
            this.state = new float[state];
        }

        /** As {@link #average(List, Map)}, with no read started yet. */
        OptionalDouble average(List<ParameterAveragingTrainingResult> results) throws SparkException {
            return average(results, new IdentityHashMap<>());
        }

        /**
         * Averages the results that carry parameters into {@link #params} and {@link #state};
         * returns their mean score, or nothing when no worker had a minibatch. A result block
         * whose read {@code started} holds is not read again. Every result's block is removed and
         * every read closed, also when one of them is lost.
         */
        OptionalDouble average(List<ParameterAveragingTrainingResult> results,
                               Map<BlockResult, Future<BlockResult.Bytes>> started) throws SparkException {
            double score = 0;
            int n = 0;
            hasState = false;
            List<Future<BlockResult.Bytes>> reads = new ArrayList<>();
            try {
                for (ParameterAveragingTrainingResult r : results) {
                    if (r instanceof BlockResult b) {
                        Future<BlockResult.Bytes> read = started.remove(b);
                        reads.add(read != null ? read : b.read());
                        requireLength(b.parameterCount(), b.stateCount());
                    }
                }
                int next = 0;
                for (ParameterAveragingTrainingResult r : results) {
                    if (r instanceof BlockResult b) {
                        try (BlockResult.Bytes bytes = await(reads.get(next++))) {
                            b.addTo(bytes, params, state, n == 0);
                        }
                        hasState = b.stateCount() > 0;
                    } else if (r.getParameters() != null) {
                        INDArray s = r.getUpdaterState();
                        requireLength(r.getParameters().length(), s == null ? 0 : s.length());
                        addArray(r.getParameters(), params, n == 0);
                        if (s != null) {
                            addArray(s, state, n == 0);
                        }
                        hasState = s != null;
                    } else {
                        continue;
                    }
                    score += r.getScore();
                    n++;
                }
            } finally {
                release(reads);
                release(new ArrayList<>(started.values()));
                for (ParameterAveragingTrainingResult r : results) {
                    if (r instanceof BlockResult b) {
                        b.remove();
                    } else {
                        // Deserialised copies: their native memory goes back now, not when the collector finds them.
                        closeIfPresent(r.getParameters());
                        closeIfPresent(r.getUpdaterState());
                    }
                }
            }
            if (n == 0) {
                return OptionalDouble.empty();
            }
            divide(params, n);
            if (hasState) {
                divide(state, n);
            }
            return OptionalDouble.of(score / n);
        }

        private static BlockResult.Bytes await(Future<BlockResult.Bytes> read) throws SparkException {
            try {
                return read.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SparkException spark) {
                    throw spark;
                }
                throw new SparkException("reading a round result failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SparkException("interrupted while reading the round results", e);
            }
        }

        /** Closes every read (those closed already stay closed): waits for fetches still running. */
        static void release(List<Future<BlockResult.Bytes>> reads) {
            for (Future<BlockResult.Bytes> read : reads) {
                try {
                    BlockResult.Bytes bytes = read.get();
                    bytes.close();
                } catch (ExecutionException e) {
                    // Nothing was read: nothing to release.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private void requireLength(long p, long s) {
            if (p != params.length || (s != 0 && s != state.length)) {
                throw new IllegalStateException("a worker returned " + p + " parameters and " + s
                        + " Adam state values, expected " + params.length + " and " + state.length);
            }
        }

        private static void addArray(INDArray a, float[] sum, boolean first) {
            FloatBuffer floats = FloatBuffer.allocate((int) a.length());
            NdArrays.FloatView.of(a).copyTo(floats, (int) a.length());
            BlockResult.add(floats.flip(), sum, sum.length, first);
        }

        private static void closeIfPresent(INDArray a) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }

        private static void divide(float[] sum, int n) {
            float d = n;
            for (int i = 0; i < sum.length; i++) {
                sum[i] /= d;
            }
        }
    }
}
