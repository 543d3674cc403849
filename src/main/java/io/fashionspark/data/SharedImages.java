package io.fashionspark.data;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Images every executor holds whole: the pixel and label bytes of an IDX pair, broadcast once from
 * the driver. Partitions cut their rows out of the broadcast on the executors, so no task carries
 * pixels in its closure and no row travels between executors, whichever rows a partition takes.
 *
 * <p>Created on the driver; the object itself is small and serializable, so closures capture it
 * and read the broadcast on the executors. {@link #release()} drops the executors' copies.
 */
public final class SharedImages implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The ids partition {@code partition} of {@code partitions} holds, in order. Runs on the executors. */
    @FunctionalInterface
    public interface Selection extends Serializable {
        int[] ids(int partition, int partitions);
    }

    private final transient JavaSparkContext sc;
    private final String source;
    private final int rows;
    private final int cols;
    private final Broadcast<byte[]> pixels;
    private final Broadcast<byte[]> labels;
    private final int count;
    /** The broadcast arrays as images, made once per deserialized copy (a task's) on the executor. */
    private transient LabeledImages images;

    private SharedImages(JavaSparkContext sc, LabeledImages images) {
        this.sc = sc;
        this.source = images.source();
        this.rows = images.rows();
        this.cols = images.cols();
        // Two arrays rather than the record: Spark's Kryo (4.x) cannot build Java records.
        this.pixels = sc.broadcast(images.pixels());
        this.labels = sc.broadcast(images.labels());
        this.count = images.count();
    }

    /** Broadcasts {@code images} (the arrays themselves: in local mode executors read them without a copy). */
    public static SharedImages broadcast(JavaSparkContext sc, LabeledImages images) {
        return new SharedImages(sc, images);
    }

    /** The context the images were broadcast in (on the driver). */
    JavaSparkContext context() {
        return sc;
    }

    /** Number of images. */
    public int count() {
        return count;
    }

    /** Partitions {@link #rows} makes of {@code partitions} requested: at least 1, at most one per image. */
    public int slices(int partitions) {
        return Math.max(1, Math.min(partitions, Math.max(1, count)));
    }

    /** First id of slice {@code slice} of {@code slices} contiguous id ranges of {@code count} images. */
    public static int sliceStart(int count, int slice, int slices) {
        return (int) ((long) count * slice / slices);
    }

    /**
     * All images in {@link #slices}{@code (partitions)} partitions of contiguous id ranges, in id
     * order; lazy and not cached (the caller caches what it reads twice).
     */
    public JavaRDD<ImageRow> rows(int partitions) {
        int n = count;
        return select(slices(partitions), (s, slices) -> {
            int from = sliceStart(n, s, slices);
            int[] ids = new int[sliceStart(n, s + 1, slices) - from];
            Arrays.setAll(ids, i -> from + i);
            return ids;
        });
    }

    /**
     * The rows {@code selection} picks for each of {@code partitions} partitions, cut out on the
     * executors; lazy, not cached. Called on the driver.
     */
    public JavaRDD<ImageRow> select(int partitions, Selection selection) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions: expected at least 1, found " + partitions);
        }
        List<Integer> indices = new ArrayList<>(partitions);
        for (int i = 0; i < partitions; i++) {
            indices.add(i);
        }
        return sc.parallelize(indices, partitions)
                .mapPartitionsWithIndex((k, unused) -> new Rows(this, selection.ids(k, partitions)), true);
    }

    /** Image {@code id} as a row with its own copy of the pixels ({@link LabeledImages#row}); reads the broadcast. */
    ImageRow row(int id) {
        if (images == null) {
            images = new LabeledImages(source, rows, cols, pixels.value(), labels.value());
        }
        return images.row(id);
    }

    /** The rows of some ids, made one at a time as a consumer asks for them. */
    private static final class Rows implements Iterator<ImageRow> {
        private final SharedImages images;
        private final int[] ids;
        private int next;

        Rows(SharedImages images, int[] ids) {
            this.images = images;
            this.ids = ids;
        }

        @Override
        public boolean hasNext() {
            return next < ids.length;
        }

        @Override
        public ImageRow next() {
            if (next >= ids.length) {
                throw new NoSuchElementException();
            }
            return images.row(ids[next++]);
        }
    }

    /** Drops the executors' copies of the broadcast (the driver's arrays stay with their owner). */
    public void release() {
        pixels.unpersist(false);
        labels.unpersist(false);
    }
}
