package io.fashionspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.RunConfig;
import io.fashionspark.model.FusedOutputLayer;
import io.fashionspark.model.FusedUpdater;
import io.fashionspark.model.NetworkFactory;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The counter sees ND4J's fresh native allocations, and a warm training iteration of the recipe's
 * network makes none, where the same network with DL4J's stock output layer makes some in every
 * iteration.
 */
class NativeAllocationsTest {
    private static DataSet batch(int rows, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[rows][784];
        float[][] y = new float[rows][10];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < 784; k++) {
                x[i][k] = r.nextFloat() * 2 - 1;
            }
            y[i][r.nextInt(10)] = 1;
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }

    /** Fresh native allocations of {@code fits} warm fits of {@code net}. */
    private static long freshPerFits(MultiLayerNetwork net, int fits) {
        DataSet[] batches = {batch(128, 1), batch(128, 2)};
        for (int i = 0; i < 4; i++) {
            net.fit(batches[i % 2]);
        }
        NativeAllocations.Count before = NativeAllocations.now();
        for (int i = 0; i < fits; i++) {
            net.fit(batches[i % 2]);
        }
        NativeAllocations.Count c = NativeAllocations.now().minus(before);
        assertTrue(c.workspaceBuffers() > 0, "buffers in workspaces are counted apart: " + c);
        assertEquals(0, c.freshInRounds(), "no Spark round here");
        return c.fresh();
    }

    @Test
    void anArrayOutsideAWorkspaceIsOneFreshAllocationOfItsBytes() {
        NativeAllocations.install();
        NativeAllocations.install();
        NativeAllocations.Count before = NativeAllocations.now();
        INDArray a = Nd4j.create(DataType.FLOAT, 250, 4);
        NativeAllocations.Count c = NativeAllocations.now().minus(before);
        assertEquals(1, c.fresh());
        assertEquals(4000, c.freshBytes());
        assertEquals(1000, a.length());
    }

    @Test
    void aWarmTrainingIterationOfTheRecipeAllocatesNoFreshNativeMemory() {
        NativeAllocations.install();
        MultiLayerNetwork fused = NetworkFactory.create(RunConfig.DEFAULTS);
        assertEquals(0, freshPerFits(fused, 10));

        String json = fused.getLayerWiseConfigurations().toJson()
                .replace(FusedOutputLayer.class.getName(), org.deeplearning4j.nn.conf.layers.OutputLayer.class.getName());
        MultiLayerNetwork stock = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
        stock.init();
        FusedUpdater.install(stock);
        // DL4J's output layer runs ND4J ops that each allocate a dimensions array: the sums of the
        // loss and of the bias gradient, the bias broadcast and the L2 norm, in every iteration.
        long stockFresh = freshPerFits(stock, 10);
        assertTrue(stockFresh >= 10 * 4, "stock output layer, 10 fits: " + stockFresh);
    }
}
