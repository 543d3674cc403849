package io.fashionspark.ml;

import io.fashionspark.config.DataConfig;
import io.fashionspark.data.ImageRow;
import io.fashionspark.data.ImageTable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;

/**
 * Turns a user's labelled DataFrame into a cached image table ({@link ImageTable#SCHEMA}, ids
 * 0..n-1) that the epoch loop trains on. Rows are converted on the executors and nothing is
 * collected. The input is read once: its converted rows are cached (memory, spilling to disk), numbered from that cache
 * (so the ids are exactly 0..n-1 even if the input would not reproduce itself) and copied into
 * the table, after which the first cache is released. Runs two jobs.
 *
 * @param table the cached table; the caller unpersists it
 * @param rows  its row count
 */
record TrainingTable(Dataset<Row> table, long rows) {
    /**
     * Builds, caches and counts the table of {@code dataset}'s label and pixel columns.
     *
     * @throws IllegalArgumentException naming the column of the first null, non-integer or
     *                                  out-of-range label or bad pixel value found
     */
    static TrainingTable cache(Dataset<?> dataset, String labelCol, int classes, PixelColumn pixels) {
        JavaRDD<ImageRow> converted = dataset.select(labelCol, pixels.name()).toJavaRDD()
                .map(row -> new ImageRow(-1, label(row.get(0), labelCol, classes), pixels.pixels(row.get(1))))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> table = null;
        try {
            // zipWithIndex runs the first job here: it fills the first cache and counts each partition.
            JavaRDD<Row> numbered = converted.zipWithIndex()
                    .map(pair -> RowFactory.create(pair._2(), pair._1().label(), pair._1().pixels()));
            table = dataset.sparkSession().createDataFrame(numbered, ImageTable.SCHEMA)
                    .persist(StorageLevel.MEMORY_ONLY());
            return new TrainingTable(table, table.count());
        } catch (Exception e) {
            if (table != null) {
                table.unpersist(false);
            }
            IllegalArgumentException bad = badValue(e);
            if (bad != null) {
                throw bad;
            }
            throw e;
        } finally {
            converted.unpersist(false);
        }
    }

    /**
     * Checks that each epoch can hold out at least one validation row and still train on one.
     *
     * @throws IllegalArgumentException saying how many rows are needed and how many there are
     */
    void requireEnoughRows(DataConfig data) {
        if (data.validationCount(rows) >= 1 && data.validationCount(rows) < rows) {
            return;
        }
        long minimum = 2;
        while (data.validationCount(minimum) < 1 || data.validationCount(minimum) >= minimum) {
            minimum++;
        }
        throw new IllegalArgumentException("dataset: expected at least " + minimum
                + " rows (each epoch holds a share out for validation), found " + rows);
    }

    /** A class index 0..classes-1 from a numeric label value of any type. */
    static int label(Object value, String column, int classes) {
        double d = value instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!(d >= 0 && d < classes && d == Math.rint(d))) {
            throw new IllegalArgumentException(column + ": expected class indices 0.."
                    + (classes - 1) + ", found " + value);
        }
        return (int) d;
    }

    /** A task's bad-value error, unwrapped from Spark's job failure so the caller sees the one line; or null. */
    private static IllegalArgumentException badValue(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException bad) {
                return new IllegalArgumentException(bad.getMessage(), e);
            }
        }
        return null;
    }
}
