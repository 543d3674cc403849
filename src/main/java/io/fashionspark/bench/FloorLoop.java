package io.fashionspark.bench;

import io.fashionspark.config.RunConfig;
import io.fashionspark.data.EpochSplitter;
import io.fashionspark.data.ImageRow;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.data.MinibatchBuilder;
import io.fashionspark.eval.DistributedEvaluator;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.FusedUpdater;
import io.fashionspark.model.NetworkFactory;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * The floor of this stack: the same network (same configuration, Adam and schedule) fitted by a
 * plain single-process {@code MultiLayerNetwork.fit} loop over the minibatches the Spark trainer
 * would see (same split rule and seed, same scaling, same batch size), no Spark. Minibatches are
 * built before each epoch's clock starts. Runs in the calling JVM.
 */
public final class FloorLoop {
    private final RunConfig config;
    private final LabeledImages train;

    /**
     * ND4J work per minibatch of a warm {@code fit}, averaged over {@code iterations} fits: ops
     * launched (libnd4j ops and matrix products, counted by ND4J's op profiler), data buffers
     * created (fresh native allocations and buffers in workspaces alike), and of those the fresh
     * native allocations ({@link NativeAllocations}).
     */
    public record IterationProfile(double opsPerIteration, double buffersPerIteration,
                                   double nativeAllocationsPerIteration) {
    }

    /** Profiles {@code iterations} fits of {@code net} on {@code batches} (cycled); changes the network. */
    public static IterationProfile profile(MultiLayerNetwork net, List<DataSet> batches, int iterations) {
        for (int i = 0; i < Math.min(iterations, batches.size()); i++) {
            net.fit(batches.get(i));
        }
        OpExecutioner executioner = Nd4j.getExecutioner();
        OpExecutioner.ProfilingMode before = executioner.getProfilingMode();
        executioner.setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        NativeAllocations.install();
        NativeAllocations.Count counted = NativeAllocations.now();
        long buffers = Nd4j.getDeallocatorService().nextValue();
        try {
            for (int i = 0; i < iterations; i++) {
                net.fit(batches.get(i % batches.size()));
            }
        } finally {
            buffers = Nd4j.getDeallocatorService().nextValue() - buffers - 1;
            executioner.setProfilingMode(before);
        }
        return new IterationProfile(OpProfiler.getInstance().getInvocationsCount() / (double) iterations,
                buffers / (double) iterations, NativeAllocations.now().minus(counted).fresh() / (double) iterations);
    }

    /** What {@link #run} measured. */
    public record Result(double[] epochSeconds, MultiLayerNetwork network, double lastValidationAccuracy,
                         long firstEpochStartMillis, IterationProfile profile) {
    }

    public FloorLoop(RunConfig config, LabeledImages train) {
        this.config = config;
        this.train = train;
    }

    /** Ids of 0-based {@code epoch}'s rows in split-permutation order: validation first, then training. */
    private int[] order(int epoch) {
        int n = train.count();
        int[] position = EpochSplitter.positions(n, EpochSplitter.splitSeed(config.train().seed(), epoch));
        int[] order = new int[n];
        for (int id = 0; id < n; id++) {
            order[position[id]] = id;
        }
        return order;
    }

    private int cut() {
        return (int) config.data().validationCount(train.count());
    }

    /** The validation rows of 0-based {@code epoch}. */
    public List<ImageRow> validationRows(int epoch) {
        int[] order = order(epoch);
        List<ImageRow> rows = new ArrayList<>(cut());
        for (int p = 0; p < cut(); p++) {
            rows.add(train.row(order[p]));
        }
        return rows;
    }

    /** The training minibatches of 0-based {@code epoch}, in permutation order. */
    public List<DataSet> minibatches(int epoch) {
        int[] order = order(epoch);
        List<ImageRow> rows = new ArrayList<>(train.count() - cut());
        for (int p = cut(); p < order.length; p++) {
            rows.add(train.row(order[p]));
        }
        List<DataSet> out = new ArrayList<>();
        MinibatchBuilder.batches(rows.iterator(), config.train().batchSize(), config.data().classes())
                .forEachRemaining(out::add);
        return out;
    }

    /** Fits {@code epochs} epochs; reports each fit's seconds (minibatch building excluded). */
    public Result run(int epochs) {
        MultiLayerNetwork net = NetworkFactory.create(config);
        double[] seconds = new double[epochs];
        long firstStart = 0;
        for (int e = 0; e < epochs; e++) {
            List<DataSet> batches = minibatches(e);
            net.setEpochCount(e);
            if (e == 0) {
                firstStart = System.currentTimeMillis();
            }
            long t0 = System.nanoTime();
            for (DataSet b : batches) {
                net.fit(b);
            }
            seconds[e] = (System.nanoTime() - t0) / 1e9;
            batches.forEach(MinibatchBuilder::release);
        }
        List<DataSet> probe = minibatches(epochs);
        IterationProfile profile = profile(FusedUpdater.install(net.clone()), probe, 50);
        probe.forEach(MinibatchBuilder::release);
        double accuracy = DistributedEvaluator.evaluateLocally(Classifier.of(net, config.data().classNames()),
                validationRows(epochs - 1).iterator()).accuracy();
        return new Result(seconds, net, accuracy, firstStart, profile);
    }
}
