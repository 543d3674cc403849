package io.fashionspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fashionspark.config.RunConfig;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** The Java Adam step against libnd4j's op, and its place in the network configuration. */
class JvmAdamTest {
    private static final int N = 1000;

    @Test
    void stepsMatchLibnd4jsAdamOverSeveralIterationsAndEpochs() {
        MapSchedule schedule = new MapSchedule(ScheduleType.EPOCH, java.util.Map.of(0, 0.01, 1, 0.003));
        Adam stock = Adam.builder().learningRateSchedule(schedule).beta1(0.9).beta2(0.999).epsilon(1e-8).build();
        JvmAdam ours = new JvmAdam(0.5, schedule, 0.9, 0.999, 1e-8);
        INDArray stockState = Nd4j.zeros(DataType.FLOAT, 1, 2L * N);
        INDArray ourState = Nd4j.zeros(DataType.FLOAT, 1, 2L * N);
        GradientUpdater<?> a = stock.instantiate(stockState, true);
        GradientUpdater<?> b = ours.instantiate(ourState, true);
        assertInstanceOf(JvmAdamUpdater.class, b);
        Nd4j.getRandom().setSeed(7);
        for (int it = 0; it < 5; it++) {
            int epoch = it < 3 ? 0 : 1;
            INDArray g = Nd4j.randn(DataType.FLOAT, 1, N).muli(it % 2 == 0 ? 1e-3 : 3.0);
            INDArray g1 = g.dup();
            INDArray g2 = g.dup();
            a.applyUpdater(g1, it, epoch);
            b.applyUpdater(g2, it, epoch);
            assertClose(g1, g2, "update, iteration " + it);
            assertClose(stockState, ourState, "state (m, v), iteration " + it);
        }
    }

    @Test
    void firstStepIsTheLearningRateInSignDirection() {
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2L * N);
        GradientUpdater<?> u = new JvmAdam(0.01, null, 0.9, 0.999, 1e-8).instantiate(state, true);
        INDArray g = Nd4j.linspace(DataType.FLOAT, -1, 2.0 / N, N).reshape(1, N);
        INDArray expected = Nd4j.math().sign(g).muli(0.01);

        u.applyUpdater(g, 0, 0);

        assertClose(expected, g, "first step");
    }

    @Test
    void stridedGradientIsUpdatedInPlaceLikeAContiguousOne() {
        INDArray matrix = Nd4j.randn(DataType.FLOAT, N, 2).dup('c');
        INDArray column = matrix.get(NDArrayIndex.all(), NDArrayIndex.point(0));
        INDArray expected = column.dup();
        new Adam(0.01, 0.9, 0.999, 1e-8).instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2L * N), true)
                .applyUpdater(expected.reshape(1, N), 0, 0);
        INDArray other = matrix.get(NDArrayIndex.all(), NDArrayIndex.point(1)).dup();

        new JvmAdam(0.01, null, 0.9, 0.999, 1e-8).instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2L * N), true)
                .applyUpdater(column, 0, 0);

        assertClose(expected, matrix.get(NDArrayIndex.all(), NDArrayIndex.point(0)).dup(), "strided column");
        assertEquals(other, matrix.get(NDArrayIndex.all(), NDArrayIndex.point(1)), "the other column is untouched");
    }

    @Test
    void networkConfigurationNamesJvmAdamAndSurvivesJson() {
        MultiLayerConfiguration conf = NetworkFactory.configuration(RunConfig.DEFAULTS);
        String json = conf.toJson();

        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);

        for (int i = 0; i < back.getConfs().size(); i++) {
            BaseLayer layer = (BaseLayer) back.getConf(i).getLayer();
            JvmAdam adam = assertInstanceOf(JvmAdam.class, layer.getIUpdater(), "layer " + i);
            assertEquals(((BaseLayer) conf.getConf(i).getLayer()).getIUpdater(), adam, "layer " + i);
            assertEquals(RunConfig.DEFAULTS.learningRateAt(7), adam.getLearningRate(0, 7), 1e-15);
        }
        assertEquals(conf, back);
    }

    @Test
    void cloneKeepsTheClassAndEqualityTellsItFromStockAdam() {
        JvmAdam ours = new JvmAdam(0.01, null, 0.9, 0.999, 1e-8);
        Adam stock = new Adam(0.01, 0.9, 0.999, 1e-8);

        assertEquals(ours, ours.clone());
        assertInstanceOf(JvmAdam.class, ours.clone());
        assertNotEquals(ours, stock);
        assertNotEquals(stock, ours);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        float[] e = expected.dup('c').data().asFloat();
        float[] a = actual.dup('c').data().asFloat();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 2e-6 * Math.max(1.0, Math.abs(e[i])) + 1e-9, what + " at " + i);
        }
        assertArrayEquals(expected.shape(), actual.shape(), what);
    }
}
