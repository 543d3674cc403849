package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.Dependency;
import org.apache.spark.ShuffleDependency;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EpochSplitterTest {
    private static final int ROWS = 600;
    private static Dataset<Row> table;
    private static EpochSplitter splitter;

    @BeforeAll
    static void buildTable() {
        SparkSession spark = SparkTestSession.get();
        table = ImageTable.create(spark, SyntheticFashion.generate(ROWS, 7), 3);
        splitter = new EpochSplitter(table, ROWS, 100, 2);
    }

    @AfterAll
    static void release() {
        table.unpersist();
    }

    private static List<Long> ids(org.apache.spark.api.java.JavaRDD<ImageRow> rows) {
        return rows.map(ImageRow::id).collect();
    }

    @Test
    void splitIsExactDisjointAndCoversEveryRow() {
        EpochSplit split = splitter.split(42, 0);
        List<Long> train = ids(split.train());
        List<Long> val = ids(split.validation());
        assertEquals(500, train.size());
        assertEquals(100, val.size());
        Set<Long> all = new HashSet<>(train);
        all.addAll(val);
        assertEquals(ROWS, all.size(), "train and validation must be disjoint and cover all rows");
        assertEquals(500, split.trainCount());
        assertEquals(100, split.validationCount());
    }

    @Test
    void sameSeedAndEpochGiveTheSameSplitAndOrder() {
        assertEquals(ids(splitter.split(42, 3).train()), ids(splitter.split(42, 3).train()));
        assertEquals(new HashSet<>(ids(splitter.split(42, 3).validation())),
                new HashSet<>(ids(splitter.split(42, 3).validation())));
    }

    @Test
    void differentEpochsAndSeedsGiveDifferentSplits() {
        Set<Long> e0 = new HashSet<>(ids(splitter.split(42, 0).validation()));
        Set<Long> e1 = new HashSet<>(ids(splitter.split(42, 1).validation()));
        Set<Long> other = new HashSet<>(ids(splitter.split(43, 0).validation()));
        assertNotEquals(e0, e1);
        assertNotEquals(e0, other);
        assertNotEquals(EpochSplitter.splitSeed(42, 0), EpochSplitter.splitSeed(42, 1));
    }

    @Test
    void trainingRowsAreShuffledAcrossTheRequestedPartitions() {
        EpochSplit split = splitter.split(42, 0);
        assertEquals(2, split.train().getNumPartitions());
        List<Long> train = ids(split.train());
        long ascending = 0;
        for (int i = 1; i < train.size(); i++) {
            if (train.get(i) > train.get(i - 1)) {
                ascending++;
            }
        }
        // A sorted order would have ~499 ascending steps; a random one about half.
        assertTrue(ascending > 150 && ascending < 350, "training order looks unshuffled: " + ascending);
        List<Integer> sizes = split.train().glom().map(List::size).collect();
        assertEquals(250, sizes.get(0));
        assertEquals(250, sizes.get(1));
    }

    @Test
    void cuttingFromSharedImagesGivesTheShuffledSplitRowForRowWithoutAShuffle() {
        LabeledImages images = SyntheticFashion.generate(ROWS, 7);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        SharedImages shared = SharedImages.broadcast(sc, images);
        try {
            // Partition counts that divide neither the rows nor the cut, and one per row of a partition.
            for (int partitions : new int[] {1, 2, 3, 7}) {
                for (int validation : new int[] {100, 133}) {
                    EpochSplitter shuffled = new EpochSplitter(shared.rows(partitions), ROWS, validation, partitions);
                    EpochSplitter cut = new EpochSplitter(shared, validation, partitions);
                    for (int epoch = 0; epoch < 2; epoch++) {
                        EpochSplit a = shuffled.split(42, epoch);
                        EpochSplit b = cut.split(42, epoch);
                        String what = partitions + " partitions, " + validation + " held out, epoch " + epoch;
                        assertEquals(partitionsOf(a.train()), partitionsOf(b.train()), "training rows, " + what);
                        assertEquals(partitionsOf(a.validation()), partitionsOf(b.validation()),
                                "validation rows, " + what);
                        assertEquals(a.seed(), b.seed());
                        assertEquals(a.trainCount(), b.trainCount());
                        assertTrue(hasShuffle(a.train().rdd()), "the RDD path shuffles");
                        assertFalse(hasShuffle(b.train().rdd()) || hasShuffle(b.validation().rdd()),
                                "cutting from shared images shuffles nothing, " + what);
                    }
                    shuffled.release();
                }
            }
        } finally {
            shared.release();
        }
    }

    @Test
    void trainingIdsAreThePartitionsPositionsPastTheCutInPositionOrder() {
        int[] position = EpochSplitter.positions(50, 9);
        int[] order = new int[50];
        for (int id = 0; id < 50; id++) {
            order[position[id]] = id;
        }
        for (int parts = 1; parts <= 6; parts++) {
            int total = 0;
            for (int k = 0; k < parts; k++) {
                int[] ids = EpochSplitter.trainingIds(position, 11, k, parts);
                total += ids.length;
                int p = 11 + Math.floorMod(k - 11, parts);
                for (int id : ids) {
                    assertEquals(order[p], id, "partition " + k + " of " + parts);
                    p += parts;
                }
                assertTrue(p >= 50, "partition " + k + " of " + parts + " stops before the last position");
            }
            assertEquals(39, total);
        }
    }

    /** Each partition's rows as "id:label:pixel hash", in order. */
    private static List<List<String>> partitionsOf(org.apache.spark.api.java.JavaRDD<ImageRow> rows) {
        return rows.map(r -> r.id() + ":" + r.label() + ":" + java.util.Arrays.hashCode(r.pixels())).glom().collect();
    }

    private static boolean hasShuffle(RDD<?> rdd) {
        for (Dependency<?> d : scala.collection.JavaConverters.seqAsJavaList(rdd.dependencies())) {
            if (d instanceof ShuffleDependency || hasShuffle(d.rdd())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void validationShareOfASixthGivesTenThousandOfSixtyThousand() {
        assertEquals(10_000, io.fashionspark.config.DataConfig.DEFAULTS.validationCount(60_000));
    }
}
