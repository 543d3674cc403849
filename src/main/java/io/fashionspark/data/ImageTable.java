package io.fashionspark.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Turns decoded IDX images into a cached Spark {@code Dataset<Row>} of (id, label, pixels).
 *
 * <p>The images are broadcast once from the driver and each partition cuts its own id range out
 * of the broadcast on the executors, so no task carries the pixels in its closure. The result is
 * materialised and cached, after which the broadcast is released.
 */
public final class ImageTable {
    /** Column: index of the image in its IDX file (long). */
    public static final String ID = "id";
    /** Column: class label 0-9 (int). */
    public static final String LABEL = "label";
    /** Column: 784 raw pixel bytes, row-major (binary). */
    public static final String PIXELS = "pixels";
    /** Schema of every image table. */
    public static final StructType SCHEMA = new StructType()
            .add(ID, DataTypes.LongType, false)
            .add(LABEL, DataTypes.IntegerType, false)
            .add(PIXELS, DataTypes.BinaryType, false);

    private ImageTable() {
    }

    /**
     * Builds, caches and counts the table of {@code images} in {@code partitions} partitions.
     * Runs one Spark job; the driver keeps only the broadcast until the cache is filled.
     */
    public static Dataset<Row> create(SparkSession spark, LabeledImages images, int partitions) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Sliced sliced = slice(sc, images, partitions);
        JavaRDD<Row> rows = sliced.rows().map(r -> RowFactory.create(r.id(), r.label(), r.pixels()));
        Dataset<Row> table = spark.createDataFrame(rows, SCHEMA).persist(StorageLevel.MEMORY_ONLY());
        table.count();
        sliced.release();
        return table;
    }

    /**
     * The images as {@link ImageRow}s in {@code partitions} partitions, cut from a broadcast on the
     * executors; lazy and not cached (the caller caches what it reads twice). The trainer and the
     * test evaluation use this instead of a {@code Dataset}: no SQL plan, no columnar cache to
     * build, no second copy of the pixels.
     */
    public static JavaRDD<ImageRow> imageRows(JavaSparkContext sc, LabeledImages images, int partitions) {
        return slice(sc, images, partitions).rows();
    }

    /** Rows cut from broadcast pixels and labels; {@link #release} drops the executors' copies. */
    private record Sliced(JavaRDD<ImageRow> rows, Broadcast<byte[]> pixels, Broadcast<byte[]> labels) {
        void release() {
            pixels.unpersist(false);
            labels.unpersist(false);
        }
    }

    private static Sliced slice(JavaSparkContext sc, LabeledImages images, int partitions) {
        int parts = Math.max(1, Math.min(partitions, Math.max(1, images.count())));
        Broadcast<byte[]> pixels = sc.broadcast(images.pixels());
        Broadcast<byte[]> labels = sc.broadcast(images.labels());
        List<Integer> slices = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            slices.add(i);
        }
        JavaRDD<ImageRow> rows = sc.parallelize(slices, parts)
                .mapPartitions(it -> rowsOf(pixels.value(), labels.value(), it, parts));
        return new Sliced(rows, pixels, labels);
    }

    private static Iterator<ImageRow> rowsOf(byte[] pixels, byte[] labels, Iterator<Integer> slice, int parts) {
        int total = labels.length;
        int size = pixels.length / Math.max(1, total);
        List<ImageRow> out = new ArrayList<>();
        while (slice.hasNext()) {
            int s = slice.next();
            long from = (long) total * s / parts;
            long to = (long) total * (s + 1) / parts;
            for (long id = from; id < to; id++) {
                int from0 = (int) id * size;
                out.add(new ImageRow(id, labels[(int) id], java.util.Arrays.copyOfRange(pixels, from0, from0 + size)));
            }
        }
        return out.iterator();
    }

    /** Reads one row of an image table as an {@link ImageRow}. */
    public static ImageRow toImageRow(Row row) {
        return new ImageRow(row.getLong(0), row.getInt(1), (byte[]) row.get(2));
    }
}
