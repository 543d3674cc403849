package io.fashionspark.train;

import io.fashionspark.config.TrainConfig;
import io.fashionspark.data.PixelBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/**
 * The one class that calls DL4J's Spark API: synchronous parameter averaging with
 * {@link ParameterAveragingTrainingMaster}.
 *
 * <p>Each {@link #fitEpoch} is one {@code SparkDl4jMultiLayer.fit}: workers (one per partition
 * of the minibatch RDD) fit {@code averagingFrequency} minibatches of {@code batchSize}, then
 * parameters AND Adam state are averaged on the driver ({@code saveUpdater(true)}), in partition
 * order ({@link OrderedAveragingMaster}), and broadcast again. Averaging rounds are cut by
 * {@link AveragingRounds}. Dropout masks are seeded per minibatch ({@link DropoutSeeds}), so for a
 * fixed seed and worker count a run's parameters are the same, bit for bit, every time. Data goes to workers directly from the RDD ({@code RDDTrainingApproach.Direct},
 * no export folder, so no shared file system is needed), without repartitioning: the caller's
 * partitions are the workers. The network object stays on the driver and is updated in place.
 */
public final class SparkTrainer {
    /** Name of the accumulator counting an epoch's fitted minibatches, followed by the epoch (progress displays read it). */
    public static final String MINIBATCH_ACCUMULATOR_PREFIX = "minibatches, epoch ";

    private final SparkContext sc;
    private final MultiLayerNetwork network;
    private final TrainConfig config;
    private final int workers;
    private final List<TrainingHook> hooks;
    /** Tells this trainer's rounds from another's on executors that keep networks between rounds. */
    private final long runKey = new java.security.SecureRandom().nextLong();

    /**
     * @param sc      the Spark context the minibatch RDDs belong to
     * @param network initialised network, trained in place on the driver
     * @param config  batch size, averaging frequency and seed
     * @param workers number of partitions of every training RDD (parallel workers)
     */
    public SparkTrainer(SparkContext sc, MultiLayerNetwork network, TrainConfig config, int workers) {
        this(sc, network, config, workers, List.of());
    }

    /** As the public constructor, with more hooks run around every worker minibatch (tests inject failures). */
    SparkTrainer(SparkContext sc, MultiLayerNetwork network, TrainConfig config, int workers, List<TrainingHook> hooks) {
        this.sc = sc;
        this.network = network;
        this.config = config;
        this.workers = workers;
        this.hooks = List.copyOf(hooks);
    }

    /** The network being trained (on the driver). */
    public MultiLayerNetwork network() {
        return network;
    }

    /**
     * Fits one epoch on {@code minibatches} with the learning rate of 0-based {@code epoch}.
     *
     * <p>Every minibatch is fitted exactly once. DL4J's own random splitting of an epoch into
     * averaging rounds leaves partitions uneven when it does not repartition, and a worker then
     * drops whatever exceeds {@code averagingFrequency}; so the rounds are cut here instead:
     * round r hands each worker its partition's minibatches r*F .. r*F+F-1, and each round is one
     * {@code SparkDl4jMultiLayer.fit}. The minibatches are cached for the epoch as raw pixels (on the
     * executors' heap) and released after.
     * Collects to the driver only the per-partition batch counts and the averaged parameters.
     */
    public EpochFit fitEpoch(JavaRDD<PixelBatch> minibatches, int epoch) {
        int frequency;
        int rounds;
        CollectionAccumulator<double[]> losses = new CollectionAccumulator<>();
        sc.register(losses, "train losses, epoch " + epoch);
        LongAccumulator count = sc.longAccumulator(MINIBATCH_ACCUMULATOR_PREFIX + epoch);
        CollectionAccumulator<String> rates = sc.collectionAccumulator("learning rates, epoch " + epoch);
        minibatches.persist(StorageLevel.MEMORY_ONLY());
        OrderedAveragingMaster master = null;
        sc.setJobGroup(ExecutorWatch.TRAINING_GROUP_PREFIX + epoch, "train epoch " + epoch, false);
        try {
            List<Integer> sizes = AveragingRounds.partitionSizes(minibatches);
            int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
            frequency = config.averagingFrequencyFor(workers, largest);
            rounds = (largest + frequency - 1) / frequency;
            master = trainingMaster(epoch, frequency);
            master.setListeners(List.of(new WorkerStatsListener(losses, count, rates)));
            SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(JavaSparkContext.fromSparkContext(sc), network, master);
            for (int round = 0; round < rounds; round++) {
                // The schedule is indexed by the configuration's epoch count, which travels to the workers.
                network.setEpochCount(epoch);
                master.setRound(AveragingRounds.roundSize(sizes, round, frequency),
                        AveragingRounds.roundIterations(sizes, round, frequency));
                spark.fit(AveragingRounds.round(minibatches, round, frequency));
            }
        } finally {
            if (master != null) {
                // A round whose job failed leaves its start block on the driver.
                master.removeStart();
            }
            sc.clearJobGroup();
            minibatches.unpersist(false);
        }
        network.setEpochCount(epoch + 1);
        return new EpochFit(WorkerStatsListener.meanLoss(losses.value()), count.value(),
                new ArrayList<>(new TreeSet<>(rates.value())), frequency, rounds);
    }

    private OrderedAveragingMaster trainingMaster(int epoch, int frequency) {
        List<TrainingHook> all = new ArrayList<>(hooks);
        all.add(0, new DropoutSeeds(config.seed()));
        return new OrderedAveragingMaster(new ParameterAveragingTrainingMaster.Builder(workers, config.batchSize())
                .batchSizePerWorker(config.batchSize())
                .averagingFrequency(frequency)
                .saveUpdater(true)
                .workerPrefetchNumBatches(0)
                .repartionData(Repartition.Never)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                // The rounds are cheap slices of the epoch's cached minibatches: nothing to persist.
                .storageLevel(null)
                .rngSeed(config.seed() * 31 + epoch)
                .trainingHooks(all)
                .collectTrainingStats(false), runKey);
    }
}
