package io.fashionspark.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Groups image rows into minibatches on the executors: features scaled by {@link Pixels} as a
 * [b, 784] float matrix, labels one-hot [b, classes]; the last batch of a partition may be smaller.
 * Training caches an epoch's minibatches as {@link PixelBatch}es (raw pixels on the heap) and makes
 * the float arrays when a worker fits them; {@link #batches} gives the float arrays at once.
 * Nothing reaches the driver.
 */
public final class MinibatchBuilder {
    private MinibatchBuilder() {
    }

    /** Minibatches of at most {@code batchSize} rows, partition by partition, in row order, as raw pixels. */
    public static JavaRDD<PixelBatch> pixelBatches(JavaRDD<ImageRow> rows, int batchSize, int classes) {
        return rows.mapPartitions(it -> chunks(it, batchSize, classes), true);
    }

    /** Minibatches of at most {@code batchSize} of {@code rows}, built lazily in row order, in fresh arrays. */
    public static Iterator<DataSet> batches(Iterator<ImageRow> rows, int batchSize, int classes) {
        return PixelBatch.fresh(chunks(rows, batchSize, classes));
    }

    private static Iterator<PixelBatch> chunks(Iterator<ImageRow> rows, int batchSize, int classes) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public PixelBatch next() {
                List<ImageRow> chunk = new ArrayList<>(batchSize);
                while (rows.hasNext() && chunk.size() < batchSize) {
                    chunk.add(rows.next());
                }
                if (chunk.isEmpty()) {
                    throw new NoSuchElementException();
                }
                return PixelBatch.of(chunk, classes);
            }
        };
    }

    /** Frees a minibatch's off-heap arrays now rather than when the garbage collector finds them. */
    public static void release(DataSet batch) {
        batch.getFeatures().close();
        batch.getLabels().close();
    }
}
