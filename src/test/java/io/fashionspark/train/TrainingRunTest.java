package io.fashionspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.DataConfig;
import io.fashionspark.config.ModelConfig;
import io.fashionspark.config.OptimizerConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.config.TrainConfig;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trains the recipe's network for two epochs in local[2] on a small generated dataset. */
class TrainingRunTest {
    static final RunConfig CONFIG = new RunConfig(DataConfig.DEFAULTS, ModelConfig.DEFAULTS,
            new OptimizerConfig(0.002, OptimizerConfig.Schedule.LINEAR, 0.9, 0.999, 1e-8),
            new TrainConfig(2, 32, 5, 2, 11L));
    private static TrainingResult result;
    private static final List<EpochMetrics> streamed = new ArrayList<>();

    @BeforeAll
    static void train() {
        LabeledImages train = SyntheticFashion.generate(1200, 1);
        LabeledImages test = SyntheticFashion.generate(300, 2);
        result = TrainingRun.execute(SparkTestSession.get(), CONFIG, train, test, streamed::add);
    }

    @Test
    void beatsChanceClearlyOnTheTestSet() {
        assertEquals(300, result.test().examples());
        assertTrue(result.test().accuracy() > 0.6, "test accuracy " + result.test().accuracy());
    }

    @Test
    void reportsEveryEpochAsItEnds() {
        assertEquals(2, streamed.size());
        assertEquals(result.epochs(), streamed);
        assertEquals(0, streamed.get(0).epoch());
        assertEquals(1, streamed.get(1).epoch());
    }

    @Test
    void validatesOnExactlyASixthEachEpochWithFreshSplits() {
        for (EpochMetrics m : result.epochs()) {
            assertEquals(1000, m.trainRows());
            assertEquals(200, m.validationRows());
            assertTrue(m.valAccuracy() > 0.1 && m.valAccuracy() <= 1.0);
        }
        assertTrue(result.epochs().get(0).splitSeed() != result.epochs().get(1).splitSeed());
    }

    @Test
    void workersUseTheScheduledLearningRateOfEachEpoch() {
        for (EpochMetrics m : result.epochs()) {
            double expected = CONFIG.learningRateAt(m.epoch());
            assertEquals(List.of(m.epoch() + ":" + expected), m.workerLearningRates(),
                    "learning rates the workers reported in epoch " + m.epoch());
        }
        assertEquals(2, result.network().getEpochCount());
    }

    @Test
    void trainsEveryMinibatchOfTheEpochAcrossBothWorkers() {
        // 1000 training rows in 2 partitions of 500: ceil(500 / 32) = 16 minibatches each.
        for (EpochMetrics m : result.epochs()) {
            assertEquals(32, m.minibatches());
        }
    }

    @Test
    void lossFallsBelowTheUntrainedLevel() {
        double untrained = Math.log(10);
        EpochMetrics last = result.epochs().get(1);
        assertTrue(last.trainLoss() < untrained, "train loss " + last.trainLoss());
        assertTrue(last.valLoss() < untrained, "val loss " + last.valLoss());
        assertTrue(last.valLoss() <= result.epochs().get(0).valLoss() + 0.05, "validation loss went up");
    }

    @Test
    void recordsTheExecutorsThatRanTrainingTasks() {
        assertEquals(List.of("driver"), result.executors().stream().map(ExecutorRecord::id).toList());
        ExecutorRecord driver = result.executors().get(0);
        assertTrue(driver.trainingTasks() > 0 && driver.trainingTasks() < driver.tasks(), driver.toString());
        assertEquals(List.of(), result.executorLosses());
        for (EpochMetrics m : result.epochs()) {
            assertEquals(1, m.attempts());
            assertEquals(List.of(), m.executorsLost());
        }
    }

    @Test
    void predictsTheFirstTenTestImages() {
        assertEquals(10, result.samples().size());
        assertEquals(0, result.samples().get(0).index());
    }
}
