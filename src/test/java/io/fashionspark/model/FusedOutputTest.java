package io.fashionspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.bench.NativeAllocations;
import io.fashionspark.config.RunConfig;
import io.fashionspark.data.NdArrays;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The output layer and inference add their bias in Java, not with ND4J's broadcast op, and training
 * sums the loss and the bias gradient in Java, not with ND4J's sum op: the results are those of
 * DL4J's stock output layer and of {@code addiRowVector}, bit for bit (the score but for its L2
 * term, see {@link L2Score}), and a warm training iteration allocates no fresh native memory.
 */
class FusedOutputTest {
    /** {@code fused}'s network with DL4J's stock output layer in place of the fused one, from a copy of its parameters. */
    private static MultiLayerNetwork withStockOutputLayer(MultiLayerNetwork fused) {
        String json = fused.getLayerWiseConfigurations().toJson()
                .replace(FusedOutputLayer.class.getName(), org.deeplearning4j.nn.conf.layers.OutputLayer.class.getName());
        MultiLayerNetwork stock = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
        stock.init(fused.params().dup(), false);
        return stock;
    }

    @Test
    void trainingEqualsTheStockOutputLayerBitForBit() {
        MultiLayerNetwork fused = NetworkFactory.create(RunConfig.DEFAULTS);
        assertInstanceOf(FusedOutputLayer.class, fused.getLayerWiseConfigurations().getConf(5).getLayer());
        MultiLayerNetwork stock = withStockOutputLayer(fused);
        assertInstanceOf(org.deeplearning4j.nn.layers.OutputLayer.class, stock.getLayer(5));
        for (int step = 0; step < 3; step++) {
            DataSet batch = Configs.batch(128, 40 + step);
            Nd4j.getRandom().setSeed(100 + step);
            fused.fit(batch);
            Nd4j.getRandom().setSeed(100 + step);
            stock.fit(batch);
            // The loss is the same bit for bit; the L2 term of DL4J's stock layer squares ND4J's
            // single-precision norm of its weights, FusedOutput sums their squares in double
            // (L2Score): the scores agree to about 1e-11.
            assertEquals(stock.score(), fused.score(), 1e-9, "score of step " + step);
        }
        assertEquals(ParameterDigest.sha256(stock), ParameterDigest.sha256(fused));
        DataSet test = Configs.batch(77, 99);
        assertEquals(stock.output(test.getFeatures(), false), fused.output(test.getFeatures(), false));
    }

    @Test
    void theLayerAloneGivesTheStockLayersGradientAndScore() {
        MultiLayerNetwork fused = NetworkFactory.create(RunConfig.DEFAULTS);
        MultiLayerNetwork stock = withStockOutputLayer(fused);
        INDArray x = Nd4j.rand(DataType.FLOAT, 50, 32).subi(0.5);
        INDArray y = Configs.batch(50, 7).getLabels();
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {fused, stock}) {
            net.initGradientsView();
            IOutputLayer out = (IOutputLayer) net.getLayer(5);
            out.setInput(x, LayerWorkspaceMgr.noWorkspaces());
            out.setLabels(y);
            out.computeGradientAndScore(LayerWorkspaceMgr.noWorkspaces());
        }
        assertInstanceOf(FusedOutput.class, fused.getLayer(5));
        assertEquals(stock.getLayer(5).score(), fused.getLayer(5).score(), 0.0);
        for (String p : new String[] {"W", "b"}) {
            assertArrayEquals(stock.getLayer(5).gradient().getGradientFor(p).data().asFloat(),
                    fused.getLayer(5).gradient().getGradientFor(p).data().asFloat(), p);
        }
    }

    /** Fresh native allocations ({@link NativeAllocations}) of {@code fits} warm fits of {@code net}. */
    private static long freshPerFits(MultiLayerNetwork net, int fits) {
        DataSet[] batches = {Configs.batch(128, 1), Configs.batch(128, 2)};
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
    void aWarmTrainingIterationOfTheRecipeAllocatesNoFreshNativeMemory() {
        NativeAllocations.install();
        MultiLayerNetwork fused = NetworkFactory.create(RunConfig.DEFAULTS);
        assertEquals(0, freshPerFits(fused, 10));

        MultiLayerNetwork stock = FusedUpdater.install(withStockOutputLayer(fused));
        // DL4J's output layer runs ND4J ops that each allocate a dimensions array: the sums of the
        // loss and of the bias gradient, the bias broadcast and the L2 norm, in every iteration.
        long stockFresh = freshPerFits(stock, 10);
        assertTrue(stockFresh >= 10 * 4, "stock output layer, 10 fits: " + stockFresh);
    }

    @Test
    void theLossAndBiasGradientSumsAddAsLibnd4jDoes() {
        // Up to a few hundred rows libnd4j sums on one thread whatever its thread count.
        for (int rows : new int[] {1, 77, 128}) {
            for (long seed = 0; seed < 20; seed++) {
                Nd4j.getRandom().setSeed(seed);
                INDArray a = Nd4j.randn(DataType.FLOAT, rows, 10).muli(3);
                assertEquals(Float.floatToIntBits(a.sumNumber().floatValue()), Float.floatToIntBits(FusedOutput.sum(a)),
                        rows + " rows, seed " + seed);
                INDArray expected = Nd4j.create(DataType.FLOAT, 1, 10);
                a.sum(expected, 0);
                INDArray columns = Nd4j.create(DataType.FLOAT, 1, 10);
                FusedOutput.columnSums(a, columns);
                assertArrayEquals(expected.data().asFloat(), columns.data().asFloat(),
                        rows + " rows, seed " + seed);
            }
        }
    }

    @Test
    void rowVectorAdditionEqualsTheBroadcastOpInEitherOrderAndType() {
        for (char order : new char[] {'c', 'f'}) {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                INDArray z = Nd4j.rand(type, 37, 11).dup(order);
                INDArray b = Nd4j.rand(type, 1, 11);
                INDArray expected = z.dup(order).addiRowVector(b);
                NdArrays.addRowVector(z, b);
                assertEquals(expected, z, order + " " + type);
                assertEquals(order, z.ordering());
            }
        }
    }
}
