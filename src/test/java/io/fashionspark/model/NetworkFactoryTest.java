package io.fashionspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.RunConfig;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** Shape, activations and loss of the network built from configuration. */
class NetworkFactoryTest {

    @Test
    void recipeNetworkHas576810Parameters() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);

        assertEquals(576_810L, net.numParams());
        assertEquals(576_810L, NetworkFactory.parameterCount(RunConfig.DEFAULTS));
    }

    @Test
    void parameterCountAgreesWithBuiltNetworkOfAnotherShape() {
        RunConfig other = Configs.withModel(List.of(37, 11, 5), 0.1, 1, 1e-3);

        MultiLayerNetwork net = NetworkFactory.create(other);

        assertEquals(net.numParams(), NetworkFactory.parameterCount(other));
        assertEquals(784L * 37 + 37 + 37 * 11 + 11 + 11 * 5 + 5 + 5 * 10 + 10, net.numParams());
    }

    @Test
    void recipeLayersAre784To512To256To128To64To32To10() {
        MultiLayerConfiguration conf = NetworkFactory.configuration(RunConfig.DEFAULTS);

        assertEquals(6, conf.getConfs().size());
        long[] widths = new long[7];
        for (int i = 0; i < 6; i++) {
            FeedForwardLayer layer = (FeedForwardLayer) conf.getConf(i).getLayer();
            widths[i] = layer.getNIn();
            widths[i + 1] = layer.getNOut();
            if (i > 0) {
                assertEquals(((FeedForwardLayer) conf.getConf(i - 1).getLayer()).getNOut(), layer.getNIn());
            }
        }
        assertArrayEquals(new long[] {784, 512, 256, 128, 64, 32, 10}, widths);
    }

    @Test
    void hiddenLayersAreReluAndOutputIsSoftmaxWithCrossEntropy() {
        MultiLayerConfiguration conf = NetworkFactory.configuration(RunConfig.DEFAULTS);

        for (int i = 0; i < 5; i++) {
            DenseLayer hidden = assertInstanceOf(DenseLayer.class, conf.getConf(i).getLayer(), "layer " + i);
            assertInstanceOf(ActivationReLU.class, hidden.getActivationFn(), "layer " + i);
        }
        OutputLayer out = assertInstanceOf(OutputLayer.class, conf.getConf(5).getLayer());
        assertInstanceOf(ActivationSoftmax.class, out.getActivationFn());
        assertInstanceOf(LossMCXENT.class, out.getLossFn());
    }

    @Test
    void outputsAreClassProbabilitiesAndHiddenActivationsAreRectified() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);

        List<INDArray> acts = net.feedForward(Configs.inputs(64, 5L), false);

        INDArray probs = acts.get(acts.size() - 1);
        assertArrayEquals(new long[] {64, 10}, probs.shape());
        assertTrue(probs.minNumber().doubleValue() >= 0);
        INDArray rowSums = probs.sum(1);
        for (int r = 0; r < 64; r++) {
            assertEquals(1.0, rowSums.getDouble(r), 1e-5, "row " + r);
        }
        for (int i = 1; i <= 5; i++) {
            INDArray hidden = acts.get(i);
            assertTrue(hidden.minNumber().doubleValue() >= 0, "hidden layer " + i);
            assertTrue(hidden.eq(0).castTo(DataType.INT32).sumNumber().longValue() > 0, "ReLU zeroes some units");
        }
    }

    @Test
    void networkComputesInSinglePrecision() {
        assertEquals(DataType.FLOAT, NetworkFactory.create(RunConfig.DEFAULTS).params().dataType());
    }

    @Test
    void freshNetworkStartsAtEpochZero() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);

        assertEquals(0, net.getEpochCount());
        assertEquals(0, net.getLayerWiseConfigurations().getEpochCount());
    }
}
