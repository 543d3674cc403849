package io.fashionspark.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Groups image rows into minibatches on the executors: features scaled by {@link Pixels} as a
 * [b, 784] float matrix, labels one-hot [b, classes]. One INDArray pair per batch, filled from
 * primitive arrays; the last batch of a partition may be smaller. Nothing reaches the driver.
 */
public final class MinibatchBuilder {
    private MinibatchBuilder() {
    }

    /** Minibatches of at most {@code batchSize} rows, partition by partition, in row order. */
    public static JavaRDD<DataSet> minibatches(JavaRDD<ImageRow> rows, int batchSize, int classes) {
        return rows.mapPartitions(it -> batches(it, batchSize, classes), true);
    }

    /** Minibatches of at most {@code batchSize} of {@code rows}, built lazily in row order. */
    public static Iterator<DataSet> batches(Iterator<ImageRow> rows, int batchSize, int classes) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public DataSet next() {
                List<ImageRow> chunk = new ArrayList<>(batchSize);
                while (rows.hasNext() && chunk.size() < batchSize) {
                    chunk.add(rows.next());
                }
                return toDataSet(chunk, classes);
            }
        };
    }

    /** Frees a minibatch's off-heap arrays now rather than when the garbage collector finds them. */
    public static void release(DataSet batch) {
        batch.getFeatures().close();
        batch.getLabels().close();
    }

    /** One minibatch of the given rows, labels one-hot over {@code classes}. */
    public static DataSet toDataSet(List<ImageRow> chunk, int classes) {
        int b = chunk.size();
        int width = chunk.isEmpty() ? LabeledImages.PIXELS : chunk.get(0).pixels().length;
        float[] features = new float[b * width];
        float[] labels = new float[b * classes];
        for (int i = 0; i < b; i++) {
            ImageRow row = chunk.get(i);
            Pixels.scaleInto(row.pixels(), features, i * width);
            labels[i * classes + row.label()] = 1f;
        }
        return new DataSet(NdArrays.fromFlat(features, b, width), NdArrays.fromFlat(labels, b, classes));
    }
}
