package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Bulk copies agree with ND4J's element-by-element ones, for views and both orders. */
class NdArraysTest {

    @Test
    void rowsOfCAndFOrderMatricesAndViewsMatchNd4j() {
        INDArray c = Nd4j.rand(DataType.FLOAT, 5, 7);
        for (INDArray m : new INDArray[] {c, c.dup('f'), c.get(NDArrayIndex.interval(1, 4), NDArrayIndex.interval(2, 6)),
                c.transpose(), Nd4j.rand(DataType.DOUBLE, 3, 4)}) {
            assertArrayEquals(m.toFloatMatrix(), NdArrays.toRows(m), m.shapeInfoToString());
        }
    }

    @Test
    void fromFlatIsRowMajor() {
        float[] values = {1, 2, 3, 4, 5, 6};

        INDArray m = NdArrays.fromFlat(values, 2, 3);

        assertEquals(Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}), m);
        assertArrayEquals(values, NdArrays.toFlat(m));
    }

    @Test
    void compactMeansTheBufferIsExactlyTheElements() {
        INDArray parent = Nd4j.rand(DataType.FLOAT, 4, 4);

        assertTrue(NdArrays.isCompact(parent));
        assertTrue(NdArrays.isCompact(parent.dup('f')));
        assertFalse(NdArrays.isCompact(parent.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all())));
        assertTrue(NdArrays.isCompact(parent.transpose()), "a transpose is its buffer in f order");
        assertFalse(NdArrays.isCompact(parent.get(NDArrayIndex.all(), NDArrayIndex.point(1))));
    }
}
