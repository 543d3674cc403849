package io.fashionspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.fashionspark.config.RunConfig;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The fused pass against DL4J's own updater: the same parameters and Adam state, bit for bit. */
class FusedUpdaterTest {
    /** Full minibatches and the short ones an epoch ends with (80 = 50,000 mod 128), across an epoch boundary. */
    private static final int[] BATCHES = {128, 80, 128, 37, 128, 1};

    @Test
    void theFactorysNetworksTakeTheFusedPass() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);

        FusedUpdater updater = assertInstanceOf(FusedUpdater.class, net.getUpdater());
        net.fit(Configs.batch(16, 3L));

        assertEquals(1, updater.fusedUpdates());
    }

    @Test
    void sameParametersAndAdamStateAsDl4jsUpdater() {
        MultiLayerNetwork stock = withStockUpdater(NetworkFactory.create(RunConfig.DEFAULTS));
        MultiLayerNetwork fused = NetworkFactory.create(RunConfig.DEFAULTS);

        fitBoth(stock, fused);

        assertEquals(BATCHES.length, ((FusedUpdater) fused.getUpdater()).fusedUpdates());
    }

    @Test
    void aConfigurationItDoesNotFuseTakesDl4jsPathWithTheSameResults() {
        MultiLayerConfiguration conf = NetworkFactory.configuration(RunConfig.DEFAULTS);
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            ((BaseLayer) layer.getLayer()).setGradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue);
            ((BaseLayer) layer.getLayer()).setGradientNormalizationThreshold(1e-3);
        }
        MultiLayerNetwork stock = new MultiLayerNetwork(conf.clone());
        stock.init();
        MultiLayerNetwork fused = new MultiLayerNetwork(conf.clone());
        fused.init();
        FusedUpdater.install(fused);

        fitBoth(stock, fused);

        assertEquals(0, ((FusedUpdater) fused.getUpdater()).fusedUpdates());
    }

    @Test
    void installKeepsTheAdamStateItFinds() {
        MultiLayerNetwork stock = withStockUpdater(NetworkFactory.create(RunConfig.DEFAULTS));
        MultiLayerNetwork other = withStockUpdater(NetworkFactory.create(RunConfig.DEFAULTS));
        for (int i = 0; i < 3; i++) {
            fit(stock, i);
            fit(other, i);
        }
        INDArray state = other.getUpdater().getStateViewArray();
        assertNotEquals(0.0, state.amaxNumber().doubleValue(), "Adam state after three steps");

        FusedUpdater.install(other);

        assertSame(state, other.getUpdater().getStateViewArray());
        assertInstanceOf(FusedUpdater.class, other.getUpdater());
        fitBoth(stock, other);
    }

    /** Fits both networks on the same minibatches and dropout seeds, comparing them after every step. */
    private static void fitBoth(MultiLayerNetwork stock, MultiLayerNetwork fused) {
        assertArrayEquals(floats(stock.params()), floats(fused.params()), "parameters before");
        for (int i = 0; i < BATCHES.length; i++) {
            int epoch = i < BATCHES.length / 2 ? 0 : 1;
            stock.setEpochCount(epoch);
            fused.setEpochCount(epoch);
            fit(stock, i);
            fit(fused, i);
            assertArrayEquals(floats(stock.params()), floats(fused.params()), "parameters after step " + i);
            assertArrayEquals(floats(stock.getUpdater().getStateViewArray()),
                    floats(fused.getUpdater().getStateViewArray()), "Adam state after step " + i);
        }
    }

    private static void fit(MultiLayerNetwork net, int step) {
        DataSet batch = Configs.batch(BATCHES[step], 100L + step);
        Nd4j.getRandom().setSeed(200L + step);
        net.fit(batch);
    }

    private static MultiLayerNetwork withStockUpdater(MultiLayerNetwork net) {
        net.setUpdater(new MultiLayerUpdater(net, net.getUpdater().getStateViewArray()));
        return net;
    }

    private static float[] floats(INDArray a) {
        return a.dup().data().asFloat();
    }
}
