package io.fashionspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.RunConfig;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dropout 0.2 "after the first two hidden layers": hidden layers 0 and 1 drop their OUTPUTS with
 * probability 0.2 ({@link FusedDenseLayer#getDropoutAfter()}), and no layer drops its input.
 */
class DropoutTest {
    private static final int ROWS = 512;

    @Test
    void onlyTheFirstTwoHiddenLayersDropOneFifth() {
        MultiLayerConfiguration conf = NetworkFactory.configuration(RunConfig.DEFAULTS);

        for (int i = 0; i < conf.getConfs().size(); i++) {
            assertNull(conf.getConf(i).getLayer().getIDropout(), "layer " + i + " input");
            assertEquals(i < 2 ? 0.2 : 0.0, dropoutAfter(conf, i), 1e-12, "layer " + i);
        }
    }

    @ParameterizedTest(name = "dropout after {0} hidden layers")
    @ValueSource(ints = {0, 1, 3, 5})
    void dropoutFollowsTheConfiguredNumberOfLeadingHiddenLayers(int after) {
        MultiLayerConfiguration conf =
                NetworkFactory.configuration(Configs.withModel(List.of(40, 30, 20, 10, 5), 0.35, after, 0.0));

        for (int i = 0; i < conf.getConfs().size(); i++) {
            assertNull(conf.getConf(i).getLayer().getIDropout(), "layer " + i + " input");
            assertEquals(i < after ? 0.35 : 0.0, dropoutAfter(conf, i), 1e-12, "layer " + i);
        }
    }

    /** The output dropout of layer i: 0 for the output layer, which has none. */
    private static double dropoutAfter(MultiLayerConfiguration conf, int i) {
        return conf.getConf(i).getLayer() instanceof FusedDenseLayer f ? f.getDropoutAfter() : 0.0;
    }

    @Test
    void zeroDropoutAddsNoDropoutAnywhere() {
        MultiLayerConfiguration conf =
                NetworkFactory.configuration(Configs.withModel(List.of(512, 256, 128, 64, 32), 0.0, 2, 1e-4));

        for (int i = 0; i < conf.getConfs().size(); i++) {
            assertNull(conf.getConf(i).getLayer().getIDropout(), "layer " + i);
            assertEquals(0.0, dropoutAfter(conf, i), "layer " + i);
        }
    }

    @Test
    void trainingDropsAboutOneFifthOfFirstHiddenActivationsAndScalesTheRest() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        INDArray x = Configs.inputs(ROWS, 11L);

        INDArray inference = net.feedForward(x, false).get(1);
        INDArray training = net.feedForward(x, true).get(1);

        INDArray active = inference.gt(0).castTo(DataType.FLOAT);
        double activeCount = active.sumNumber().doubleValue();
        assertTrue(activeCount > 10_000, "enough active units to measure: " + activeCount);
        INDArray dropped = active.mul(training.eq(0).castTo(DataType.FLOAT));
        double droppedShare = dropped.sumNumber().doubleValue() / activeCount;
        assertTrue(droppedShare > 0.15 && droppedShare < 0.25, "dropped share " + droppedShare);
        // Inverted dropout: kept units are scaled by 1/keep so the expected activation is unchanged.
        INDArray kept = active.sub(dropped);
        double worst = training.mul(kept).sub(inference.mul(kept).div(0.8)).amaxNumber().doubleValue();
        assertTrue(worst < 1e-5 * inference.amaxNumber().doubleValue(), "kept units scaled by 1/0.8, off by " + worst);
        assertEquals(0.0, training.mul(active.rsub(1)).amaxNumber().doubleValue(), "no unit revived");
    }

    @Test
    void inferenceIsDeterministic() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        INDArray x = Configs.inputs(ROWS, 12L);

        List<INDArray> first = net.feedForward(x, false);
        net.feedForward(x, true);
        List<INDArray> second = net.feedForward(x, false);

        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i), second.get(i), "activation " + i);
        }
        assertEquals(net.output(x, false), net.output(x, false));
    }

    @Test
    void trainingChangesOutputsOnlyOfLayersWithDropout() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        List<INDArray> acts = net.feedForward(Configs.inputs(ROWS, 13L), false);

        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = net.getLayer(i);
            INDArray inference = layer.activate(acts.get(i).dup(), false, LayerWorkspaceMgr.noWorkspaces()).dup();
            INDArray training = layer.activate(acts.get(i).dup(), true, LayerWorkspaceMgr.noWorkspaces()).dup();
            if (i == 0 || i == 1) {
                assertNotEquals(inference, training, "layer " + i + " drops outputs while training");
            } else {
                assertEquals(inference, training, "layer " + i + " has no dropout");
            }
        }
    }

    @Test
    void trainingIsRandomBetweenCalls() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        INDArray x = Configs.inputs(ROWS, 14L);
        Nd4j.getRandom().setSeed(99L);

        INDArray a = net.feedForward(x, true).get(1);
        INDArray b = net.feedForward(x, true).get(1);

        assertNotEquals(a, b);
    }
}
