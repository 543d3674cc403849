package io.fashionspark.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between INDArrays and Java arrays. ND4J's own {@code toFloatMatrix} and
 * {@code Nd4j.create(float[])} go element by element (a row view per row), which cost more than
 * the inference they surround.
 */
public final class NdArrays {
    private NdArrays() {
    }

    /** True when {@code a}'s elements are exactly its buffer from offset 0, in its own order. */
    public static boolean isCompact(INDArray a) {
        return !a.isView() && a.offset() == 0 && a.data().length() == a.length()
                && Shape.hasDefaultStridesForShape(a);
    }

    /** The elements of a float array in row-major (c) order. */
    public static float[] toFlat(INDArray a) {
        INDArray c = a.dataType() == DataType.FLOAT && a.ordering() == 'c' && isCompact(a)
                ? a : a.castTo(DataType.FLOAT).dup('c');
        float[] out = new float[(int) c.length()];
        c.data().asNioFloat().get(out);
        if (c != a) {
            c.close();
        }
        return out;
    }

    /** The rows of a [rows, cols] matrix. */
    public static float[][] toRows(INDArray matrix) {
        int rows = (int) matrix.size(0);
        int cols = (int) matrix.size(1);
        float[] flat = toFlat(matrix);
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = java.util.Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
        }
        return out;
    }

    /** A new c-order float array of {@code shape} holding {@code values}. */
    public static INDArray fromFlat(float[] values, long... shape) {
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        a.data().asNioFloat().put(values, 0, (int) a.length());
        return a;
    }
}
