package io.fashionspark.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between INDArrays and Java arrays. ND4J's own {@code toFloatMatrix} and
 * {@code Nd4j.create(float[])} go element by element (a row view per row), which cost more than
 * the inference they surround. {@link #read} and {@link #write} copy in place, with no ND4J op
 * and no allocation, for loops the JIT vectorises (Adam's step, the fused layers).
 */
public final class NdArrays {
    private NdArrays() {
    }

    /** True when {@code a}'s elements are exactly its buffer from offset 0, in its own order. */
    public static boolean isCompact(INDArray a) {
        return !a.isView() && a.offset() == 0 && a.data().length() == a.length()
                && Shape.hasDefaultStridesForShape(a);
    }

    /** True for a float array whose elements are consecutive floats of its buffer from its offset. */
    public static boolean isContiguousFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.elementWiseStride() == 1 && a.length() <= Integer.MAX_VALUE;
    }

    /** Copies the first n elements of {@code a} ({@link #isContiguousFloat}), in buffer order, into {@code dst}. */
    public static void read(INDArray a, float[] dst, int n) {
        a.data().asNioFloat().get((int) a.offset(), dst, 0, n);
    }

    /** Copies the first n elements of {@code src} into {@code a} ({@link #isContiguousFloat}), in buffer order. */
    public static void write(float[] src, INDArray a, int n) {
        a.data().asNioFloat().put((int) a.offset(), src, 0, n);
    }

    /** The elements of a float array in row-major (c) order. */
    public static float[] toFlat(INDArray a) {
        INDArray c = a.dataType() == DataType.FLOAT && a.ordering() == 'c' && isCompact(a)
                ? a : a.castTo(DataType.FLOAT).dup('c');
        float[] out = new float[(int) c.length()];
        read(c, out, out.length);
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
        write(values, a, (int) a.length());
        return a;
    }
}
