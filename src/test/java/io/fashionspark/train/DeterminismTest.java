package io.fashionspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fashionspark.config.DataConfig;
import io.fashionspark.config.ModelConfig;
import io.fashionspark.config.OptimizerConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.config.TrainConfig;
import io.fashionspark.data.EpochSplitter;
import io.fashionspark.data.ImageRow;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.data.MinibatchBuilder;
import io.fashionspark.data.PixelBatch;
import io.fashionspark.model.NetworkFactory;
import io.fashionspark.model.ParameterDigest;
import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * For a fixed seed and worker count, training gives the same parameters, bit for bit: dropout is
 * seeded per minibatch, every round's results are averaged in partition order, and Adam's step
 * counter advances by the steps taken. Each claim is checked against a reference computed here,
 * without Spark, from the same minibatches in the same order.
 */
class DeterminismTest {
    private static final LabeledImages TRAIN = SyntheticFashion.generate(600, 31);
    private static final LabeledImages TEST = SyntheticFashion.generate(100, 32);

    private static RunConfig config(long seed, int workers, int frequency) {
        return new RunConfig(DataConfig.DEFAULTS, new ModelConfig(List.of(64, 32), 0.2, 2, 1e-4),
                new OptimizerConfig(0.002, OptimizerConfig.Schedule.LINEAR, 0.9, 0.999, 1e-8),
                new TrainConfig(2, 32, frequency, workers, seed));
    }

    private static TrainingResult run(RunConfig config) {
        TrainingResult result = TrainingRun.execute(SparkTestSession.get(), config, TRAIN, TEST, m -> { });
        assertEquals(result.epochs().get(result.epochs().size() - 1).paramSha256(),
                ParameterDigest.sha256(result.network()), "the last epoch's digest is the final one");
        return result;
    }

    private static String train(RunConfig config) {
        return ParameterDigest.sha256(run(config).network());
    }

    @Test
    void theSameSeedGivesTheSameParametersAndAnotherSeedOthers() {
        TrainingResult first = run(config(7, 2, 3));
        TrainingResult again = run(config(7, 2, 3));
        assertEquals(ParameterDigest.sha256(first.network()), ParameterDigest.sha256(again.network()));
        for (int e = 0; e < first.epochs().size(); e++) {
            EpochMetrics a = first.epochs().get(e);
            EpochMetrics b = again.epochs().get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), 0.0, "train loss of epoch " + e);
            assertEquals(a.valLoss(), b.valLoss(), 0.0, "validation loss of epoch " + e);
        }
        assertEquals(first.test().loss(), again.test().loss(), 0.0);
        assertNotEquals(ParameterDigest.sha256(first.network()), train(config(8, 2, 3)));
    }

    @Test
    void oneWorkerOnSparkFitsExactlyAsASingleProcessOverTheSameMinibatches() {
        RunConfig config = config(5, 1, 4);
        TrainingResult four = run(config);
        String spark = ParameterDigest.sha256(four.network());
        // auto gives one worker a single round per epoch; averaging one worker changes nothing.
        TrainingResult auto = run(config(5, 1, TrainConfig.AUTO));
        assertEquals(spark, ParameterDigest.sha256(auto.network()));
        for (int e = 0; e < 2; e++) {
            assertEquals(4, four.epochs().get(e).averagingFrequency());
            assertEquals(4, four.epochs().get(e).rounds(), "16 minibatches in rounds of 4");
            assertEquals(16, auto.epochs().get(e).averagingFrequency());
            assertEquals(1, auto.epochs().get(e).rounds());
        }

        MultiLayerNetwork net = NetworkFactory.create(config);
        DropoutSeeds seeds = new DropoutSeeds(config.train().seed());
        int cut = (int) config.data().validationCount(TRAIN.count());
        for (int epoch = 0; epoch < config.train().epochs(); epoch++) {
            int[] position = EpochSplitter.positions(TRAIN.count(),
                    EpochSplitter.splitSeed(config.train().seed(), epoch));
            ImageRow[] ordered = new ImageRow[TRAIN.count()];
            for (int id = 0; id < TRAIN.count(); id++) {
                ordered[position[id]] = TRAIN.row(id);
            }
            List<ImageRow> training = List.of(ordered).subList(cut, ordered.length);
            net.setEpochCount(epoch);
            Iterator<DataSet> batches = MinibatchBuilder.batches(training.iterator(), config.train().batchSize(),
                    config.data().classes());
            while (batches.hasNext()) {
                seeds.seedNext(net, 0);
                net.fit(batches.next());
            }
        }
        assertEquals(ParameterDigest.sha256(net), spark);
    }

    @Test
    void roundsAverageParametersAndAdamStateOfTheWorkersThatHadMinibatches() {
        // Partitions of 5, 2 and 0 minibatches, averaging every 2: rounds of 2 workers, then 1, then 1
        // (with a short last round), and a partition that never has a minibatch.
        RunConfig config = config(3, 3, 2);
        int[] sizes = {5, 2, 0};
        List<List<PixelBatch>> partitions = new ArrayList<>();
        int id = 0;
        for (int size : sizes) {
            List<PixelBatch> batches = new ArrayList<>();
            for (int b = 0; b < size; b++) {
                List<ImageRow> rows = new ArrayList<>();
                // Whole minibatches: DL4J's worker regroups its data into minibatches of the batch size.
                for (int k = 0; k < config.train().batchSize(); k++) {
                    rows.add(TRAIN.row(id++));
                }
                batches.add(PixelBatch.of(rows, config.data().classes()));
            }
            partitions.add(batches);
        }
        SparkSession spark = SparkTestSession.get();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<PixelBatch> minibatches = sc.parallelize(List.of(0, 1, 2), 3)
                .mapPartitionsWithIndex((p, it) -> partitions.get(p).iterator(), true);
        MultiLayerNetwork distributed = NetworkFactory.create(config);
        MultiLayerNetwork reference = NetworkFactory.create(config);
        new SparkTrainer(spark.sparkContext(), distributed, config.train(), 3).fitEpoch(minibatches, 0);

        DropoutSeeds seeds = new DropoutSeeds(config.train().seed());
        int frequency = config.train().averagingFrequency();
        for (int round = 0; round * frequency < 5; round++) {
            INDArray paramSum = null;
            INDArray stateSum = null;
            int workers = 0;
            int steps = 0;
            for (int p = 0; p < sizes.length; p++) {
                List<PixelBatch> slice = partitions.get(p).subList(Math.min(sizes[p], round * frequency),
                        Math.min(sizes[p], (round + 1) * frequency));
                if (slice.isEmpty()) {
                    continue;
                }
                // As a DL4J worker builds its network from the round's broadcast.
                MultiLayerNetwork worker = new MultiLayerNetwork(reference.getLayerWiseConfigurations().clone());
                worker.init(reference.params().dup(), false);
                worker.getUpdater().setStateViewArray(worker, reference.getUpdater().getStateViewArray().dup(), false);
                for (PixelBatch batch : slice) {
                    seeds.seedNext(worker, p);
                    worker.fit(batch.toDataSet());
                }
                paramSum = paramSum == null ? worker.params().dup() : paramSum.addi(worker.params());
                INDArray state = worker.getUpdater().getStateViewArray();
                stateSum = stateSum == null ? state.dup() : stateSum.addi(state);
                workers++;
                steps = Math.max(steps, slice.size());
            }
            reference.setParameters(paramSum.divi(workers));
            reference.getUpdater().setStateViewArray(reference, stateSum.divi(workers), false);
            reference.setIterationCount(reference.getIterationCount() + steps);
        }
        assertEquals(ParameterDigest.sha256(reference), ParameterDigest.sha256(distributed));
        assertEquals(reference.getUpdater().getStateViewArray(), distributed.getUpdater().getStateViewArray(),
                "Adam's state is averaged too (saveUpdater)");
        assertEquals(5, distributed.getIterationCount(), "Adam's steps: the most a worker took in each round");
    }
}
