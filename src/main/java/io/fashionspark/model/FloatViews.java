package io.fashionspark.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies between off-heap float arrays and Java arrays, for loops the JIT vectorises.
 * Only arrays whose elements lie contiguously in their buffer qualify ({@link #contiguous}); the
 * copy is a memcpy, with no ND4J op and no allocation. Runs in the calling thread.
 */
final class FloatViews {
    private FloatViews() {
    }

    /** A float array whose n elements are the n consecutive floats of its buffer from its offset. */
    static boolean contiguous(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.elementWiseStride() == 1 && a.length() <= Integer.MAX_VALUE;
    }

    /** A contiguous float matrix stored row after row (c order, or a vector). */
    static boolean rowMajor(INDArray a) {
        return contiguous(a) && (a.ordering() == 'c' || a.isVector() || a.rank() == 2 && a.size(0) == 1);
    }

    /** Copies {@code a}'s first n elements in buffer order into {@code dst}. */
    static void read(INDArray a, float[] dst, int n) {
        a.data().asNioFloat().get((int) a.offset(), dst, 0, n);
    }

    /** Copies {@code src}'s first n elements into {@code a}'s buffer order. */
    static void write(float[] src, INDArray a, int n) {
        a.data().asNioFloat().put((int) a.offset(), src, 0, n);
    }
}
