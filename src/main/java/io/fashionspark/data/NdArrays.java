package io.fashionspark.data;

import java.nio.FloatBuffer;
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
        FloatView.of(a).read(0, dst, n);
    }

    /** Copies the first n elements of {@code src} into {@code a} ({@link #isContiguousFloat}), in buffer order. */
    public static void write(float[] src, INDArray a, int n) {
        FloatView.of(a).write(0, src, n);
    }

    /**
     * A contiguous float array's buffer ({@link #isContiguousFloat}) seen from the array's first
     * element, for copies of parts of it: one NIO view (making one is a JNI call) serves any number
     * of chunked copies.
     */
    public static final class FloatView {
        private final FloatBuffer data;
        private final int offset;

        private FloatView(FloatBuffer data, int offset) {
            this.data = data;
            this.offset = offset;
        }

        /** The view of {@code a}'s elements. */
        public static FloatView of(INDArray a) {
            return new FloatView(a.data().asNioFloat(), (int) a.offset());
        }

        /** Copies elements {@code from .. from+n-1} into {@code dst[0 .. n-1]}. */
        public void read(int from, float[] dst, int n) {
            data.get(offset + from, dst, 0, n);
        }

        /** Copies {@code src[0 .. n-1]} into elements {@code from .. from+n-1}. */
        public void write(int from, float[] src, int n) {
            data.put(offset + from, src, 0, n);
        }

        /** Elements {@code 0 .. n-1} as a buffer of their own (positioned at the first), no copy. */
        public FloatBuffer buffer(int n) {
            return data.duplicate().position(offset).limit(offset + n);
        }
    }

    /**
     * {@code z[r][j] += b[j]} for a matrix z and a vector b, in place: for contiguous float arrays a
     * Java loop over z's buffer in its own order, otherwise a pairwise ND4J add. Not ND4J's
     * broadcast op ({@code addiRowVector}): that op passes libnd4j a dimensions array that only the op
     * object refers to, and the garbage collector may free it while the native call reads it
     * (training crashed there with a SIGSEGV in {@code sd::DataBuffer::primary()}). The same float
     * additions, so the same results.
     */
    public static void addRowVector(INDArray z, INDArray b) {
        long rows = z.size(0);
        int n = (int) z.size(1);
        if (!isContiguousFloat(z) || !isContiguousFloat(b) || rows * n > Integer.MAX_VALUE || b.length() != n) {
            z.addi(b.reshape(1, n).castTo(z.dataType()).repeat(0, rows));
            return;
        }
        float[] work = new float[(int) (rows * n)];
        float[] bias = new float[n];
        read(z, work, work.length);
        read(b, bias, n);
        if (z.ordering() == 'c') {
            for (int r = 0, o = 0; r < rows; r++, o += n) {
                for (int j = 0; j < n; j++) {
                    work[o + j] += bias[j];
                }
            }
        } else {
            for (int j = 0, o = 0; j < n; j++, o += (int) rows) {
                float bj = bias[j];
                for (int r = 0; r < rows; r++) {
                    work[o + r] += bj;
                }
            }
        }
        write(work, z, work.length);
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
