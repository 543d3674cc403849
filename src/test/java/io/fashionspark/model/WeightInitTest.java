package io.fashionspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.DataConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.config.TrainConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Glorot-uniform weights U(-s, s), s = sqrt(6 / (fanIn + fanOut)), zero biases, seeded by the configuration. */
class WeightInitTest {

    @Test
    void weightsLieWithinGlorotBoundAndHaveGlorotVariance() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);

        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray w = net.getLayer(i).getParam("W").castTo(DataType.DOUBLE);
            long fanIn = w.size(0);
            long fanOut = w.size(1);
            double bound = Math.sqrt(6.0 / (fanIn + fanOut));
            double glorotVariance = 2.0 / (fanIn + fanOut);

            double largest = w.amaxNumber().doubleValue();
            assertTrue(largest <= bound * (1 + 1e-6), "layer " + i + ": |w| " + largest + " > " + bound);
            // A uniform fills its range: the extremes come close to the bound.
            assertTrue(largest > 0.9 * bound, "layer " + i + ": largest |w| " + largest + " of bound " + bound);
            double mean = w.meanNumber().doubleValue();
            double variance = w.sub(mean).mul(w.sub(mean)).meanNumber().doubleValue();
            assertTrue(variance > 0.8 * glorotVariance && variance < 1.2 * glorotVariance,
                    "layer " + i + ": variance " + variance + ", Glorot " + glorotVariance);
            assertTrue(Math.abs(mean) < 0.1 * bound, "layer " + i + ": mean " + mean);
        }
    }

    @Test
    void biasesStartAtZero() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);

        for (int i = 0; i < net.getnLayers(); i++) {
            assertEquals(0.0, net.getLayer(i).getParam("b").amaxNumber().doubleValue(), "layer " + i);
        }
    }

    @Test
    void sameSeedGivesSameWeightsAndAnotherSeedOthers() {
        TrainConfig t = TrainConfig.DEFAULTS;
        RunConfig reseeded = new RunConfig(DataConfig.DEFAULTS, RunConfig.DEFAULTS.model(),
                RunConfig.DEFAULTS.optimizer(),
                new TrainConfig(t.epochs(), t.batchSize(), t.averagingFrequency(), t.workers(), t.seed() + 1));

        INDArray first = NetworkFactory.create(RunConfig.DEFAULTS).params();
        INDArray again = NetworkFactory.create(RunConfig.DEFAULTS).params();
        INDArray other = NetworkFactory.create(reseeded).params();

        assertEquals(first, again);
        assertNotEquals(first, other);
    }
}
