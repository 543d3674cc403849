package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class SharedImagesTest {
    private static final int COUNT = 50;

    @Test
    void rowsAreEveryImageOnceInContiguousIdRangesWithItsLabelAndPixels() {
        LabeledImages images = SyntheticFashion.generate(COUNT, 3);
        SharedImages shared = SharedImages.broadcast(JavaSparkContext.fromSparkContext(
                SparkTestSession.get().sparkContext()), images);
        try {
            for (int partitions : new int[] {1, 3, 7, 80}) {
                List<List<ImageRow>> parts = shared.rows(partitions).glom().collect();
                assertEquals(Math.min(partitions, COUNT), parts.size(), partitions + " partitions");
                List<ImageRow> all = new ArrayList<>();
                for (int k = 0; k < parts.size(); k++) {
                    List<ImageRow> part = parts.get(k);
                    assertEquals(SharedImages.sliceStart(COUNT, k + 1, parts.size())
                            - SharedImages.sliceStart(COUNT, k, parts.size()), part.size());
                    all.addAll(part);
                }
                List<ImageRow> expected = new ArrayList<>();
                for (int i = 0; i < COUNT; i++) {
                    expected.add(images.row(i));
                }
                assertEquals(expected, all, partitions + " partitions");
            }
        } finally {
            shared.release();
        }
    }

    @Test
    void selectionsPickTheirIdsInTheirOrderAndNeedAPartition() {
        LabeledImages images = SyntheticFashion.generate(COUNT, 4);
        SharedImages shared = SharedImages.broadcast(JavaSparkContext.fromSparkContext(
                SparkTestSession.get().sparkContext()), images);
        try {
            List<List<ImageRow>> parts = shared.select(2, (k, n) -> k == 0 ? new int[] {7, 3, 7} : new int[0])
                    .glom().collect();
            assertEquals(List.of(List.of(images.row(7), images.row(3), images.row(7)), List.of()), parts);
            assertThrows(IllegalArgumentException.class, () -> shared.select(0, (k, n) -> new int[0]));
        } finally {
            shared.release();
        }
    }
}
