package io.fashionspark.data;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Re-splits the training images every epoch into exactly {@code n - v} training and {@code v}
 * validation rows, reproducibly from (seed, epoch).
 *
 * <p>The driver draws a permutation of the ids 0..n-1 (4 bytes per row) with the epoch's split
 * seed and broadcasts each id's position. Rows whose position is below {@code v} are validation
 * rows; the others go to training partition {@code position % partitions}, sorted by position:
 * training order is random and differs every epoch. Two ways to get there, with the same rows in
 * the same partitions in the same order:
 * <ul>
 *   <li>from {@link SharedImages} (the trainer, from IDX files): every executor holds all images,
 *       so each training partition cuts its own rows out of the broadcast in position order, and
 *       each validation partition the validation rows of its id range (as {@link SharedImages#rows}
 *       slices them); no shuffle, nothing cached;</li>
 *   <li>from rows in an RDD or a table (a DataFrame given to the Spark ML stage): the rows are
 *       cached for the run; executors keep the validation rows of each partition and send the
 *       others to their training partition in one shuffle.</li>
 * </ul>
 * Requires the ids to be exactly 0..n-1, as {@link ImageTable} and {@link SharedImages} make them.
 */
public final class EpochSplitter {
    /** Where the rows come from: one of these two is null. */
    private final JavaRDD<ImageRow> source;
    private final SharedImages shared;
    private final long rows;
    private final long validationRows;
    private final int partitions;
    private JavaRDD<ImageRow> rowCache;

    /**
     * @param table          image table with ids 0..rows-1 (see {@link ImageTable#SCHEMA})
     * @param rows           its row count
     * @param validationRows rows held out each epoch
     * @param partitions     training partitions (one per worker)
     */
    public EpochSplitter(Dataset<Row> table, long rows, long validationRows, int partitions) {
        this(table.javaRDD().map(ImageTable::toImageRow), rows, validationRows, partitions);
    }

    /**
     * @param images         image rows with ids 0..rows-1, e.g. {@link ImageTable#imageRows}; read
     *                       once and kept cached by this splitter until {@link #release()}
     * @param rows           their count
     * @param validationRows rows held out each epoch
     * @param partitions     training partitions (one per worker)
     */
    public EpochSplitter(JavaRDD<ImageRow> images, long rows, long validationRows, int partitions) {
        this(images, null, rows, validationRows, partitions);
    }

    /**
     * @param images         images every executor holds; training partitions cut their rows out
     *                       of them each epoch, no shuffle (the caller releases them)
     * @param validationRows rows held out each epoch
     * @param partitions     training partitions (one per worker); validation rows come in
     *                       {@link SharedImages#slices}{@code (partitions)} partitions of id ranges
     */
    public EpochSplitter(SharedImages images, long validationRows, int partitions) {
        this(null, images, images.count(), validationRows, partitions);
    }

    private EpochSplitter(JavaRDD<ImageRow> source, SharedImages shared, long rows, long validationRows,
                          int partitions) {
        if (validationRows <= 0 || validationRows >= rows) {
            throw new IllegalArgumentException("validation rows: expected 1.." + (rows - 1) + ", found " + validationRows);
        }
        if (rows > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("training rows: expected at most " + (Integer.MAX_VALUE - 8) + ", found " + rows);
        }
        this.source = source;
        this.shared = shared;
        this.rows = rows;
        this.validationRows = validationRows;
        this.partitions = Math.max(1, partitions);
    }

    /** The split seed of 0-based {@code epoch}: the one place it is derived from the run's seed. */
    public static long splitSeed(long runSeed, int epoch) {
        return new SplittableRandom(runSeed ^ (0x9E3779B97F4A7C15L * (epoch + 1L))).nextLong();
    }

    /** Positions of ids 0..n-1 in a random permutation drawn with {@code seed} (Fisher-Yates). */
    public static int[] positions(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] position = new int[n];
        for (int p = 0; p < n; p++) {
            position[order[p]] = p;
        }
        return position;
    }

    /** Splits for 0-based {@code epoch} of a run seeded {@code runSeed}. Lazy: no job runs here. */
    public EpochSplit split(long runSeed, int epoch) {
        long seed = splitSeed(runSeed, epoch);
        JavaSparkContext sc = shared != null ? shared.context() : JavaSparkContext.fromSparkContext(source.context());
        Broadcast<int[]> position = sc.broadcast(positions((int) rows, seed));
        int cut = (int) validationRows;
        JavaRDD<ImageRow> train;
        JavaRDD<ImageRow> validation;
        if (shared != null) {
            int n = (int) rows;
            train = shared.select(partitions, (k, parts) -> trainingIds(position.value(), cut, k, parts));
            validation = shared.select(shared.slices(partitions), (s, slices) -> validationIds(position.value(), cut,
                    SharedImages.sliceStart(n, s, slices), SharedImages.sliceStart(n, s + 1, slices)));
        } else {
            JavaRDD<ImageRow> all = imageRows();
            validation = all.filter(r -> position.value()[(int) r.id()] < cut);
            JavaPairRDD<Integer, ImageRow> keyed = all
                    .filter(r -> position.value()[(int) r.id()] >= cut)
                    .mapToPair(r -> new Tuple2<>(position.value()[(int) r.id()], r));
            train = keyed
                    .repartitionAndSortWithinPartitions(new ModuloPartitioner(partitions))
                    .values();
        }
        return new EpochSplit(epoch, seed, train, validation, rows - validationRows, validationRows);
    }

    /** Ids of training partition {@code k} of {@code parts}: positions {@code >= cut} and {@code = k (mod parts)}, by position. */
    static int[] trainingIds(int[] position, int cut, int k, int parts) {
        int n = position.length;
        int first = cut + Math.floorMod(k - cut, parts);
        int[] ids = new int[first < n ? (n - 1 - first) / parts + 1 : 0];
        for (int id = 0; id < n; id++) {
            int p = position[id];
            if (p >= cut && p % parts == k) {
                ids[(p - first) / parts] = id;
            }
        }
        return ids;
    }

    /** Ids {@code from..to-1} whose position is below {@code cut}, ascending. */
    static int[] validationIds(int[] position, int cut, int from, int to) {
        int kept = 0;
        for (int id = from; id < to; id++) {
            kept += position[id] < cut ? 1 : 0;
        }
        int[] ids = new int[kept];
        int i = 0;
        for (int id = from; id < to; id++) {
            if (position[id] < cut) {
                ids[i++] = id;
            }
        }
        return ids;
    }

    /**
     * The image rows, read from the source once and kept deserialized in executor memory for the
     * whole run: two epochs' worth of column decoding cost more than the ~60 MB they hold.
     * Released by {@link #release()}.
     */
    private synchronized JavaRDD<ImageRow> imageRows() {
        if (rowCache == null) {
            rowCache = source.persist(StorageLevel.MEMORY_ONLY());
        }
        return rowCache;
    }

    /** Drops the cached image rows (a caller's cached table stays cached). */
    public synchronized void release() {
        if (rowCache != null) {
            rowCache.unpersist(false);
            rowCache = null;
        }
    }

    /** Sends position p to partition p % n. */
    static final class ModuloPartitioner extends Partitioner implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int n;

        ModuloPartitioner(int n) {
            this.n = n;
        }

        @Override
        public int numPartitions() {
            return n;
        }

        @Override
        public int getPartition(Object key) {
            return Math.floorMod((Integer) key, n);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ModuloPartitioner other && other.n == n;
        }

        @Override
        public int hashCode() {
            return n;
        }
    }
}
