package io.fashionspark.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Groups image rows into minibatches on the executors: features {@code 2*x/255 - 1} as a
 * [b, 784] float matrix, labels one-hot [b, 10]. One INDArray pair per batch, filled from
 * primitive arrays; the last batch of a partition may be smaller. Nothing reaches the driver.
 */
public final class MinibatchBuilder {
    private MinibatchBuilder() {
    }

    /** Minibatches of at most {@code batchSize} rows, partition by partition, in row order. */
    public static JavaRDD<DataSet> minibatches(JavaRDD<ImageRow> rows, int batchSize) {
        return rows.mapPartitions(it -> batches(it, batchSize), true);
    }

    /** Scales one raw pixel byte (0-255) to [-1, 1], as the recipe does. */
    public static float scale(byte pixel) {
        return 2f * (pixel & 0xFF) / 255f - 1f;
    }

    /** Minibatches of at most {@code batchSize} of {@code rows}, built lazily in row order. */
    public static Iterator<DataSet> batches(Iterator<ImageRow> rows, int batchSize) {
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
                return toDataSet(chunk);
            }
        };
    }

    /** One minibatch of the given rows. */
    public static DataSet toDataSet(List<ImageRow> chunk) {
        int b = chunk.size();
        int width = chunk.isEmpty() ? LabeledImages.PIXELS : chunk.get(0).pixels().length;
        float[] features = new float[b * width];
        float[] labels = new float[b * LabeledImages.CLASSES];
        for (int i = 0; i < b; i++) {
            ImageRow row = chunk.get(i);
            byte[] px = row.pixels();
            int base = i * width;
            for (int j = 0; j < width; j++) {
                features[base + j] = scale(px[j]);
            }
            labels[i * LabeledImages.CLASSES + row.label()] = 1f;
        }
        return new DataSet(NdArrays.fromFlat(features, b, width), NdArrays.fromFlat(labels, b, LabeledImages.CLASSES));
    }
}
