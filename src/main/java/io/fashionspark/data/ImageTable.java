package io.fashionspark.data;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
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
 * of the broadcast on the executors ({@link SharedImages}), so no task carries the pixels in its
 * closure. The result is materialised and cached, after which the broadcast is released.
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
        SharedImages shared = SharedImages.broadcast(JavaSparkContext.fromSparkContext(spark.sparkContext()), images);
        JavaRDD<Row> rows = shared.rows(partitions).map(r -> RowFactory.create(r.id(), r.label(), r.pixels()));
        Dataset<Row> table = spark.createDataFrame(rows, SCHEMA).persist(StorageLevel.MEMORY_ONLY());
        table.count();
        shared.release();
        return table;
    }

    /**
     * The images as {@link ImageRow}s in {@code partitions} partitions, cut from a broadcast on the
     * executors ({@link SharedImages#rows}); lazy and not cached (the caller caches what it reads
     * twice). The test evaluation uses this instead of a {@code Dataset}: no SQL plan, no columnar
     * cache to build, no second copy of the pixels.
     */
    public static JavaRDD<ImageRow> imageRows(JavaSparkContext sc, LabeledImages images, int partitions) {
        return SharedImages.broadcast(sc, images).rows(partitions);
    }

    /** Reads one row of an image table as an {@link ImageRow}. */
    public static ImageRow toImageRow(Row row) {
        return new ImageRow(row.getLong(0), row.getInt(1), (byte[]) row.get(2));
    }
}
