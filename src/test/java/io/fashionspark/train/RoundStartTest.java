package io.fashionspark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.data.NdArrays;
import io.fashionspark.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.BlockId;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A round's start travels as a block the driver puts ({@link RoundStart}) and tasks copy from. */
class RoundStartTest {

    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).updater(new Adam(0.01))
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // Adam's moments, not zeros, so that a copy of the wrong range shows.
        INDArray state = net.getUpdater().getStateViewArray();
        state.assign(Nd4j.linspace(1, state.length(), state.length(), DataType.FLOAT).reshape(state.shape()));
        return net;
    }

    private static float[] floats(INDArray a) {
        float[] out = new float[(int) a.length()];
        NdArrays.read(a, out, out.length);
        return out;
    }

    @Test
    void tasksCopyTheDriversParametersAndStateAndTheBlockIsRemovedAfter() throws Exception {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        MultiLayerNetwork net = network();
        net.setIterationCount(41);
        net.setEpochCount(2);
        RoundStart start = RoundStart.put(12_345L, 0, net);
        assertTrue(start != null, "the block manager took the block");
        assertEquals(net.numParams(), start.parameterCount());
        assertEquals(2 * net.numParams(), start.stateCount());
        assertEquals(41, start.iterationCount());
        assertEquals(2, start.epochCount());
        List<float[][]> copies = sc.parallelize(List.of(1, 2), 2).map(i -> {
            INDArray params = Nd4j.createUninitialized(DataType.FLOAT, 1, start.parameterCount());
            INDArray state = Nd4j.createUninitialized(DataType.FLOAT, 1, start.stateCount());
            start.copyInto(params, state);
            return new float[][] {floats(params), floats(state)};
        }).collect();
        for (float[][] copy : copies) {
            assertArrayEquals(floats(net.params()), copy[0]);
            assertArrayEquals(floats(net.getUpdater().getStateViewArray()), copy[1]);
        }
        start.remove();
        BlockId id = start.blockId();
        for (int i = 0; i < 200 && FloatBlocks.held(id); i++) {
            Thread.sleep(25);
        }
        assertFalse(FloatBlocks.held(id), "the block is removed");
    }

    @Test
    void theBlocksNameParsesBackAsARemoteFetchSendsIt() {
        SparkTestSession.get();
        RoundStart start = RoundStart.put(7L, 3, network());
        try {
            // Executors fetch blocks of other JVMs by name; a name Spark cannot parse fails every fetch.
            assertEquals(start.blockId(), BlockId.apply(start.blockId().name()));
        } finally {
            start.remove();
        }
    }
}
