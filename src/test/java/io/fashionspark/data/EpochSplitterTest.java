package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    void validationShareOfASixthGivesTenThousandOfSixtyThousand() {
        assertEquals(10_000, io.fashionspark.config.DataConfig.DEFAULTS.validationCount(60_000));
    }
}
