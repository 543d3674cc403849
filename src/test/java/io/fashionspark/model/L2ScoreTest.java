package io.fashionspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fashionspark.config.RunConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/** The regularization score in Java against DL4J's own L2 score. */
class L2ScoreTest {
    @Test
    void sumOfSquaresOverChunkAndLaneBoundaries() {
        for (int n : new int[] {0, 1, 3, 4, 4095, 4096, 4097, 10_003}) {
            INDArray a = Nd4j.randn(DataType.FLOAT, 1, Math.max(n, 1)).get(NDArrayIndex.point(0),
                    NDArrayIndex.interval(0, n));
            double expected = 0;
            for (float x : n == 0 ? new float[0] : a.dup().data().asFloat()) {
                expected += (double) x * x;
            }
            assertEquals(expected, L2Score.sumOfSquares(a), 1e-12 * Math.max(expected, 1), "length " + n);
        }
    }

    @Test
    void viewsAreReadFromTheirOwnOffset() {
        INDArray all = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, new long[] {1, 10}, DataType.FLOAT);
        INDArray tail = all.get(NDArrayIndex.point(0), NDArrayIndex.interval(7, 10));

        assertEquals(8 * 8 + 9 * 9 + 10 * 10, L2Score.sumOfSquares(tail));
    }

    @Test
    void networkScoreIsHalfL2TimesTheExactSumOfSquaredWeights() {
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        Nd4j.getRandom().setSeed(5);
        net.setParams(Nd4j.randn(DataType.FLOAT, 1, net.numParams()).muli(0.05));
        double exact = 0;
        double stock = 0;
        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray w = net.getLayer(i).getParam("W");
            for (float x : w.dup().data().asFloat()) {
                exact += (double) x * x;
            }
            stock += new L2Regularization(1e-4).score(w, 0, 0);
        }
        exact *= 0.5 * 1e-4;

        double ours = net.calcRegularizationScore(true);

        assertEquals(exact, ours, 1e-12 * exact);
        assertEquals(ours, net.calcRegularizationScore(true), "the same parameters, the same score");
        // DL4J's own score squares ND4J's single-precision norm: close, not exact.
        assertEquals(exact, stock, 1e-3 * exact);
    }

    @Test
    void otherRegularizationsAndStridedArraysGoToTheirOwnScore() {
        INDArray matrix = Nd4j.randn(DataType.FLOAT, 30, 20);
        INDArray column = matrix.getColumn(3);
        INDArray row = matrix.getRow(4);
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("column", column);
        params.put("row", row);
        L2Regularization l2 = new L2Regularization(0.5);
        L1Regularization l1 = new L1Regularization(0.25);
        Map<String, List<Regularization>> regs = Map.of("column", List.of(l2), "row", List.of(l1));
        assertNotEquals(1L, column.elementWiseStride(), "a column of a c-order matrix is strided");

        double score = L2Score.of(params, regs::get, 0, 0);

        assertEquals(l2.score(column, 0, 0) + l1.score(row, 0, 0), score);
    }
}
