package io.fashionspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.ModelConfig;
import io.fashionspark.config.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient checks of {@link FusedDense} against DL4J's stock layers: the same network with
 * {@link DenseLayer}s, the same parameters and, where the fused network drops units, the same
 * masks applied by DL4J's own dropout hook on the next layer's input. Score and every parameter's
 * gradient must agree to 1e-5 relative to the largest gradient of that parameter.
 */
class FusedDenseTest {
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void gradientsEqualStockLayersWithoutDropout(DataType type) {
        RunConfig config = Configs.withModel(ModelConfig.DEFAULTS.hidden(), 0.0, 0, 1e-4);
        MultiLayerNetwork fused = NetworkFactory.create(config).convertDataType(type);
        MultiLayerNetwork stock = stock(fused.getLayerWiseConfigurations(), type);
        stock.setParams(fused.params().dup());
        DataSet batch = batch(64, 31L, type);

        assertSameGradients(fused, stock, batch, 1L);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void gradientsEqualStockLayersWithTheSameDropoutMasks(DataType type) {
        MultiLayerNetwork fused = NetworkFactory.create(RunConfig.DEFAULTS).convertDataType(type);
        DataSet batch = batch(64, 32L, type);
        // The masks the fused network draws after seed 7: where a unit's training output is 0 it
        // was dropped or inactive; either way it passes no gradient in both networks.
        Nd4j.getRandom().setSeed(7L);
        List<INDArray> acts = fused.feedForward(batch.getFeatures(), true);
        List<INDArray> inference = fused.feedForward(batch.getFeatures(), false);
        MultiLayerConfiguration stockConf = stockConfiguration(fused.getLayerWiseConfigurations());
        for (int k = 0; k < 2; k++) {
            INDArray kept = acts.get(k + 1).neq(0).castTo(type).divi(0.8);
            INDArray active = inference.get(k + 1).gt(0).castTo(type);
            double dropped = 1 - acts.get(k + 1).neq(0).castTo(type).sumNumber().doubleValue()
                    / active.sumNumber().doubleValue();
            assertTrue(dropped > 0.15 && dropped < 0.25, "layer " + k + " drops about 0.2: " + dropped);
            stockConf.getConf(k + 1).getLayer().setIDropout(new FixedMask(kept));
        }
        MultiLayerNetwork stock = new MultiLayerNetwork(stockConf);
        stock.init(fused.params().dup(), false);

        assertSameGradients(fused, stock, batch, 7L);
    }

    @Test
    void theRecipeHasFusedHiddenLayersThatDropAfterTheFirstTwo() {
        MultiLayerConfiguration conf = NetworkFactory.configuration(RunConfig.DEFAULTS);

        for (int i = 0; i < 5; i++) {
            FusedDenseLayer layer = assertInstanceOf(FusedDenseLayer.class, conf.getConf(i).getLayer(), "layer " + i);
            assertEquals(i < 2 ? 0.2 : 0.0, layer.getDropoutAfter(), 1e-12, "layer " + i);
            assertEquals(null, layer.getIDropout(), "layer " + i + " input dropout");
        }
        assertEquals(null, conf.getConf(5).getLayer().getIDropout(), "output layer input dropout");
        assertEquals(576_810, NetworkFactory.create(RunConfig.DEFAULTS).numParams());
    }

    @Test
    void configurationSurvivesJsonAndComparesByDropout() {
        MultiLayerConfiguration conf = NetworkFactory.configuration(RunConfig.DEFAULTS);

        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());

        assertEquals(conf, back);
        assertEquals(conf.getConf(0).getLayer().hashCode(), back.getConf(0).getLayer().hashCode());
        assertNotEquals(new FusedDenseLayer(4, 3, 0.2), new FusedDenseLayer(4, 3, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new FusedDenseLayer(4, 3, 1.0));
    }

    @Test
    void sameSeedSameMasksOtherSeedOtherMasks() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        INDArray x = Configs.inputs(128, 33L);

        Nd4j.getRandom().setSeed(5L);
        INDArray a = net.feedForward(x, true).get(1).dup();
        Nd4j.getRandom().setSeed(5L);
        INDArray b = net.feedForward(x, true).get(1).dup();
        Nd4j.getRandom().setSeed(6L);
        INDArray c = net.feedForward(x, true).get(1).dup();

        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    private static void assertSameGradients(MultiLayerNetwork fused, MultiLayerNetwork stock, DataSet batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        double fusedScore = score(fused, batch);
        double stockScore = score(stock, batch);
        assertEquals(stockScore, fusedScore, TOLERANCE * Math.abs(stockScore), "score");
        Map<String, INDArray> f = fused.gradient().gradientForVariable();
        Map<String, INDArray> s = stock.gradient().gradientForVariable();
        assertEquals(s.keySet(), f.keySet());
        for (String key : s.keySet()) {
            INDArray expected = s.get(key).castTo(DataType.DOUBLE);
            double scale = expected.amaxNumber().doubleValue();
            assertTrue(scale > 0, key + " has a gradient");
            double error = f.get(key).castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue();
            assertTrue(error <= TOLERANCE * scale, key + ": off by " + error + " at scale " + scale);
        }
    }

    private static double score(MultiLayerNetwork net, DataSet batch) {
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        return net.score();
    }

    private static DataSet batch(int rows, long seed, DataType type) {
        DataSet b = Configs.batch(rows, seed);
        return new DataSet(b.getFeatures().castTo(type), b.getLabels().castTo(type));
    }

    /** {@code fused}'s network with DL4J's stock dense layers (and no dropout), in {@code type}. */
    private static MultiLayerNetwork stock(MultiLayerConfiguration fused, DataType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(stockConfiguration(fused));
        net.init();
        return net.convertDataType(type);
    }

    /**
     * The JSON of a fused configuration with every hidden layer a stock {@link DenseLayer} and a stock
     * output layer: what older models saved.
     */
    static MultiLayerConfiguration stockConfiguration(MultiLayerConfiguration fused) {
        String json = fused.toJson()
                .replace(FusedDenseLayer.class.getName(), DenseLayer.class.getName())
                .replace(FusedOutputLayer.class.getName(), org.deeplearning4j.nn.conf.layers.OutputLayer.class.getName())
                .replaceAll("\"dropoutAfter\"\\s*:\\s*[0-9.Ee-]+\\s*,?", "");
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(json);
        List<String> classes = new ArrayList<>();
        conf.getConfs().forEach(c -> classes.add(c.getLayer().getClass().getSimpleName()));
        assertEquals(List.of("DenseLayer", "DenseLayer", "DenseLayer", "DenseLayer", "DenseLayer", "OutputLayer"), classes);
        return conf;
    }

    /** DL4J input dropout with a given mask (1/keep where kept, 0 where dropped). */
    private static final class FixedMask implements IDropout {
        private final INDArray mask;

        FixedMask(INDArray mask) {
            this.mask = mask;
        }

        @Override
        public INDArray applyDropout(INDArray in, INDArray result, int iteration, int epoch, LayerWorkspaceMgr mgr) {
            return result.assign(in.mul(mask));
        }

        @Override
        public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
            return gradAtInput.assign(gradAtOutput.mul(mask));
        }

        @Override
        public void clear() {
        }

        @Override
        public IDropout clone() {
            return new FixedMask(mask);
        }
    }
}
