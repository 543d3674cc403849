package io.fashionspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.ModelConfig;
import io.fashionspark.config.RunConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/** L2 with TensorFlow's l2_loss meaning: penalty 0.5 * l2 * sum(w^2) over weights, none on biases. */
class L2RegularizationTest {
    private static final double L2 = 1e-4;

    @Test
    void everyWeightMatrixAndNoBiasIsRegularised() {
        MultiLayerConfiguration conf = NetworkFactory.configuration(RunConfig.DEFAULTS);

        for (int i = 0; i < conf.getConfs().size(); i++) {
            BaseLayer layer = (BaseLayer) conf.getConf(i).getLayer();
            List<Regularization> onWeights = layer.getRegularizationByParam("W");
            assertEquals(1, onWeights.size(), "layer " + i);
            L2Regularization l2 = assertInstanceOf(L2Regularization.class, onWeights.get(0), "layer " + i);
            assertEquals(L2, l2.getL2().valueAt(0, 0), 1e-18, "layer " + i);
            List<Regularization> onBiases = layer.getRegularizationByParam("b");
            assertTrue(onBiases == null || onBiases.isEmpty(), "layer " + i + " biases: " + onBiases);
        }
    }

    @Test
    void regularizationScoreIsHalfL2TimesSumOfSquaredWeights() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        setKnownParams(net);

        double expected = 0.5 * L2 * sumOfSquaredWeights(net);

        assertEquals(expected, net.calcRegularizationScore(true), 1e-6 * expected);
    }

    @Test
    void changingABiasLeavesRegularizationScoreUnchanged() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        setKnownParams(net);
        double before = net.calcRegularizationScore(true);

        for (int i = 0; i < net.getnLayers(); i++) {
            net.getLayer(i).getParam("b").addi(3.0);
        }

        assertEquals(before, net.calcRegularizationScore(true), 1e-9 * before);
    }

    @Test
    void changingAWeightChangesRegularizationScoreByHalfL2TimesSquareDifference() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        setKnownParams(net);
        double before = net.calcRegularizationScore(true);
        INDArray w = net.getLayer(5).getParam("W");
        double old = w.getDouble(3, 4);

        w.putScalar(3, 4, 2.0);

        double change = net.calcRegularizationScore(true) - before;
        assertEquals(0.5 * L2 * (4.0 - old * old), change, 1e-3 * change);
    }

    @Test
    void zeroL2GivesZeroRegularizationScore() {
        MultiLayerNetwork net = NetworkFactory.create(Configs.withModel(ModelConfig.DEFAULTS.hidden(), 0.2, 2, 0.0));
        setKnownParams(net);

        assertEquals(0.0, net.calcRegularizationScore(true));
    }

    @Test
    void scoreWithL2ExceedsScoreWithoutByThePenalty() {
        MultiLayerNetwork with = NetworkFactory.create(Configs.withModel(ModelConfig.DEFAULTS.hidden(), 0.0, 0, L2));
        MultiLayerNetwork without = NetworkFactory.create(Configs.plain());
        setKnownParams(with);
        without.setParams(with.params().dup());
        DataSet batch = Configs.batch(16, 21L);

        double difference = score(with, batch) - score(without, batch);

        double penalty = 0.5 * L2 * sumOfSquaredWeights(with);
        assertEquals(penalty, difference, 1e-4 * penalty);
    }

    @Test
    void gradientOfPenaltyIsL2TimesWeightAndZeroOnBiases() {
        // Plain SGD with rate 1 turns the parameter change into minus the full gradient, so the change
        // of a network with L2 minus that of one without is exactly minus the penalty's gradient.
        MultiLayerNetwork with = sgdNetwork(L2);
        MultiLayerNetwork without = sgdNetwork(0.0);
        Nd4j.getRandom().setSeed(22L);
        with.setParams(Nd4j.rand(DataType.DOUBLE, 1, with.numParams()).subi(0.5).muli(0.2));
        without.setParams(with.params().dup());
        Map<String, INDArray> before = new HashMap<>();
        with.paramTable().forEach((name, value) -> before.put(name, value.dup()));
        DataSet batch = Configs.batch(8, 23L);
        batch.setFeatures(batch.getFeatures().castTo(DataType.DOUBLE));
        batch.setLabels(batch.getLabels().castTo(DataType.DOUBLE));

        with.fit(batch);
        without.fit(batch);

        for (Map.Entry<String, INDArray> p : before.entrySet()) {
            INDArray penaltyGradient = without.getParam(p.getKey()).sub(with.getParam(p.getKey()));
            INDArray expected = p.getKey().endsWith("_W") ? p.getValue().mul(L2) : p.getValue().mul(0.0);
            double scale = p.getValue().amaxNumber().doubleValue() * L2;
            assertTrue(scale > 0, p.getKey());
            double error = penaltyGradient.sub(expected).amaxNumber().doubleValue();
            assertTrue(error < 1e-6 * scale, p.getKey() + ": penalty gradient off by " + error + " at scale " + scale);
        }
    }

    /** A small network of the factory's configuration with Adam swapped for SGD(1), in double precision. */
    private static MultiLayerNetwork sgdNetwork(double l2) {
        MultiLayerConfiguration conf = NetworkFactory.configuration(Configs.withModel(List.of(20, 15), 0.0, 0, l2));
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            ((BaseLayer) layer.getLayer()).setIUpdater(new Sgd(1.0));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net.convertDataType(DataType.DOUBLE);
    }

    private static double score(MultiLayerNetwork net, DataSet batch) {
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        return net.score();
    }

    /** Parameters k/64 for k in -3..3: squares and their sums are exact in single precision. */
    private static void setKnownParams(MultiLayerNetwork net) {
        double[] values = new double[(int) net.numParams()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 7 - 3) / 64.0;
        }
        net.setParams(Nd4j.create(values, new long[] {1, values.length}, DataType.FLOAT));
        for (int i = 0; i < net.getnLayers(); i++) {
            assertTrue(net.getLayer(i).getParam("b").amaxNumber().doubleValue() > 0, "biases non-zero too");
        }
    }

    private static double sumOfSquaredWeights(MultiLayerNetwork net) {
        double sum = 0;
        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray w = net.getLayer(i).getParam("W").castTo(DataType.DOUBLE);
            sum += w.mul(w).sumNumber().doubleValue();
        }
        return sum;
    }
}
