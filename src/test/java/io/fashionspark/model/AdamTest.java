package io.fashionspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.OptimizerConfig;
import io.fashionspark.config.RunConfig;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/** Adam's settings and the epoch-indexed learning rate, as configured and as actually applied. */
class AdamTest {

    @Test
    void everyLayerUsesAdamWithRecipeMoments() {
        MultiLayerConfiguration conf = NetworkFactory.configuration(RunConfig.DEFAULTS);

        for (int i = 0; i < conf.getConfs().size(); i++) {
            BaseLayer layer = (BaseLayer) conf.getConf(i).getLayer();
            for (String param : new String[] {"W", "b"}) {
                Adam adam = assertInstanceOf(Adam.class, layer.getUpdaterByParam(param), "layer " + i + " " + param);
                assertEquals(0.9, adam.getBeta1(), 0.0, "layer " + i);
                assertEquals(0.999, adam.getBeta2(), 0.0, "layer " + i);
                assertEquals(1e-8, adam.getEpsilon(), 0.0, "layer " + i);
            }
        }
    }

    @Test
    void configuredMomentsReachTheUpdater() {
        RunConfig c = Configs.withOptimizer(
                new OptimizerConfig(0.002, OptimizerConfig.Schedule.CONSTANT, 0.8, 0.99, 1e-6), 3);

        Adam adam = (Adam) ((BaseLayer) NetworkFactory.configuration(c).getConf(0).getLayer()).getIUpdater();

        assertEquals(0.8, adam.getBeta1(), 0.0);
        assertEquals(0.99, adam.getBeta2(), 0.0);
        assertEquals(1e-6, adam.getEpsilon(), 0.0);
    }

    @Test
    void updaterRateOfEachEpochIsTheConfiguredScheduleWhateverTheIteration() {
        RunConfig c = RunConfig.DEFAULTS;
        MultiLayerConfiguration conf = NetworkFactory.configuration(c);

        for (int i = 0; i < conf.getConfs().size(); i++) {
            Adam adam = (Adam) ((BaseLayer) conf.getConf(i).getLayer()).getIUpdater();
            for (int e = 0; e < c.train().epochs(); e++) {
                assertEquals(c.learningRateAt(e), adam.getLearningRate(0, e), 1e-15, "layer " + i + " epoch " + e);
                assertEquals(c.learningRateAt(e), adam.getLearningRate(9_999, e), 1e-15, "layer " + i + " epoch " + e);
            }
        }
        Adam first = (Adam) ((BaseLayer) conf.getConf(0).getLayer()).getIUpdater();
        assertEquals(2.0 * first.getLearningRate(0, 10), first.getLearningRate(0, 0), 1e-15);
    }

    @Test
    void constantScheduleGivesTheSameRateEveryEpoch() {
        RunConfig c = Configs.withOptimizer(
                new OptimizerConfig(0.004, OptimizerConfig.Schedule.CONSTANT, 0.9, 0.999, 1e-8), 8);

        Adam adam = (Adam) ((BaseLayer) NetworkFactory.configuration(c).getConf(3).getLayer()).getIUpdater();

        for (int e = 0; e < 8; e++) {
            assertEquals(0.004, adam.getLearningRate(e * 10, e), 1e-15, "epoch " + e);
        }
    }

    @Test
    void firstAdamStepMovesEveryTrainedParameterByAboutTheEpochsRate() {
        for (int epoch : new int[] {0, 10, 19}) {
            double lr = Configs.plain().learningRateAt(epoch);

            double[] steps = firstStepSizes(epoch);

            assertTrue(steps.length > NetworkFactory.parameterCount(Configs.plain()) / 2,
                    "epoch " + epoch + ": only " + steps.length + " parameters move");
            double median = steps[steps.length / 2];
            double largest = steps[steps.length - 1];
            assertTrue(largest <= lr * 1.001, "epoch " + epoch + ": largest step " + largest + " > rate " + lr);
            assertTrue(median > 0.9 * lr, "epoch " + epoch + ": median step " + median + " vs rate " + lr);
        }
    }

    @Test
    void epochZeroStepsTwiceAsFarAsEpochTen() {
        double[] early = firstStepSizes(0);
        double[] late = firstStepSizes(10);

        double ratio = Arrays.stream(early).sum() / Arrays.stream(late).sum();

        assertTrue(ratio > 1.95 && ratio < 2.05, "ratio " + ratio);
    }

    @Test
    void epochSetOnTheConfigurationAlsoPicksTheRate() {
        MultiLayerNetwork net = NetworkFactory.create(Configs.plain());
        net.getLayerWiseConfigurations().setEpochCount(10);
        INDArray before = net.params().dup();

        net.fit(Configs.batch(16, 31L));

        double largest = net.params().sub(before).amaxNumber().doubleValue();
        double lr = Configs.plain().learningRateAt(10);
        assertTrue(largest <= lr * 1.001 && largest > 0.9 * lr, "largest step " + largest + " vs rate " + lr);
    }

    /** Sorted sizes of the non-zero parameter changes of one fit on a fresh network in {@code epoch}. */
    private static double[] firstStepSizes(int epoch) {
        MultiLayerNetwork net = NetworkFactory.create(Configs.plain());
        net.setEpochCount(epoch);
        INDArray before = net.params().dup();
        DataSet batch = Configs.batch(16, 31L);

        net.fit(batch);

        double[] steps = net.params().sub(before).castTo(DataType.DOUBLE).toDoubleVector();
        return Arrays.stream(steps).map(Math::abs).filter(s -> s > 0).sorted().toArray();
    }
}
