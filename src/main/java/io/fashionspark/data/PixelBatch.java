package io.fashionspark.data;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One minibatch as an epoch's training keeps it cached: the raw 0-255 pixels and the labels of its
 * rows, on the heap. A quarter of the size of the network's float input, no native memory to free
 * when the epoch ends, and an object Spark's cache sizes at a glance. It becomes the network's
 * input, scaled by {@link Pixels} and with one-hot labels, only when a worker fits it:
 * {@link #toDataSet()} into fresh arrays, {@link #reusedDataSet()} into arrays the calling thread
 * fills again for its next minibatch. A plain class rather than a record: Spark's Kryo (4.x) cannot
 * build Java records.
 */
public final class PixelBatch implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** A thread's input arrays by (rows, width, classes); a few shapes at most (full and last minibatches). */
    private static final ThreadLocal<Map<Long, Filled>> REUSED = ThreadLocal.withInitial(HashMap::new);
    private static final int MAX_REUSED_SHAPES = 4;

    private final byte[] pixels;
    private final byte[] labels;
    private final int width;
    private final int classes;

    private PixelBatch(byte[] pixels, byte[] labels, int width, int classes) {
        this.pixels = pixels;
        this.labels = labels;
        this.width = width;
        this.classes = classes;
    }

    /** The minibatch of {@code rows} (in order), labels one-hot over {@code classes} (at most 256). */
    public static PixelBatch of(List<ImageRow> rows, int classes) {
        if (classes < 1 || classes > 256) {
            throw new IllegalArgumentException("classes: expected 1..256, found " + classes);
        }
        int width = rows.isEmpty() ? LabeledImages.PIXELS : rows.get(0).pixels().length;
        byte[] pixels = new byte[rows.size() * width];
        byte[] labels = new byte[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            ImageRow row = rows.get(i);
            System.arraycopy(row.pixels(), 0, pixels, i * width, width);
            labels[i] = (byte) row.label();
        }
        return new PixelBatch(pixels, labels, width, classes);
    }

    /** Number of images. */
    public int rows() {
        return labels.length;
    }

    /** The network's input and one-hot labels in fresh off-heap arrays (the caller may close them). */
    public DataSet toDataSet() {
        float[] features = new float[pixels.length];
        float[] oneHot = new float[labels.length * classes];
        fill(features, oneHot);
        return new DataSet(NdArrays.fromFlat(features, rows(), width), NdArrays.fromFlat(oneHot, rows(), classes));
    }

    /**
     * The same values as {@link #toDataSet()}, in arrays this thread keeps and fills again on its next
     * call for a minibatch of the same shape: valid until then, never to be closed. For a training
     * loop that fits each minibatch before it asks for the next (DL4J's worker without prefetching),
     * so that an epoch allocates no native memory for its inputs.
     */
    public DataSet reusedDataSet() {
        Map<Long, Filled> mine = REUSED.get();
        long shape = ((long) rows() << 32) | ((long) width << 9) | classes;
        Filled f = mine.get(shape);
        if (f == null) {
            if (mine.size() >= MAX_REUSED_SHAPES) {
                mine.clear();
            }
            f = new Filled(rows(), width, classes);
            mine.put(shape, f);
        }
        fill(f.features, f.oneHot);
        NdArrays.write(f.features, f.dataSet.getFeatures(), f.features.length);
        NdArrays.write(f.oneHot, f.dataSet.getLabels(), f.oneHot.length);
        return f.dataSet;
    }

    /** Each of {@code batches} as {@link #toDataSet()}, made when it is asked for. */
    public static Iterator<DataSet> fresh(Iterator<PixelBatch> batches) {
        return mapped(batches, PixelBatch::toDataSet);
    }

    /** Each of {@code batches} as {@link #reusedDataSet()}, made when it is asked for. */
    public static Iterator<DataSet> reused(Iterator<PixelBatch> batches) {
        return mapped(batches, PixelBatch::reusedDataSet);
    }

    private static Iterator<DataSet> mapped(Iterator<PixelBatch> batches, Function<PixelBatch, DataSet> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public DataSet next() {
                return f.apply(batches.next());
            }
        };
    }

    private void fill(float[] features, float[] oneHot) {
        // The rows lie one after another, as the features do: one pass over all of them.
        Pixels.scaleInto(pixels, features, 0);
        Arrays.fill(oneHot, 0f);
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * classes + (labels[i] & 0xFF)] = 1f;
        }
    }

    /** A thread's arrays for one shape: the DataSet handed out and the heap copies it is filled from. */
    private static final class Filled {
        final float[] features;
        final float[] oneHot;
        final DataSet dataSet;

        Filled(int rows, int width, int classes) {
            features = new float[rows * width];
            oneHot = new float[rows * classes];
            // Outside any workspace a caller may be in: these arrays outlive it.
            try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                dataSet = new DataSet(Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, width}, 'c'),
                        Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, classes}, 'c'));
            }
        }
    }
}
