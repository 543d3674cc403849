package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class PixelBatchTest {
    private static List<ImageRow> rows(int n, int seed) {
        List<ImageRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] px = new byte[LabeledImages.PIXELS];
            for (int j = 0; j < px.length; j++) {
                px[j] = (byte) (seed * 31 + i * 7 + j);
            }
            rows.add(new ImageRow(i, (seed + i) % 10, px));
        }
        return rows;
    }

    @Test
    void reusedArraysHoldTheSameValuesAsFreshOnes() {
        PixelBatch batch = PixelBatch.of(rows(5, 1), 10);
        DataSet fresh = batch.toDataSet();
        DataSet reused = batch.reusedDataSet();
        assertEquals(fresh.getFeatures(), reused.getFeatures());
        assertEquals(fresh.getLabels(), reused.getLabels());
        assertEquals(5, batch.rows());
        assertEquals(fresh.getFeatures(), MinibatchBuilder.batches(rows(5, 1).iterator(), 5, 10).next().getFeatures());
    }

    @Test
    void aThreadFillsItsArraysAgainForTheNextMinibatchOfTheSameShape() {
        DataSet first = PixelBatch.of(rows(4, 1), 10).reusedDataSet();
        DataSet second = PixelBatch.of(rows(4, 2), 10).reusedDataSet();
        assertSame(first, second);
        assertEquals(PixelBatch.of(rows(4, 2), 10).toDataSet().getFeatures(), second.getFeatures());
        assertEquals(PixelBatch.of(rows(4, 2), 10).toDataSet().getLabels(), second.getLabels(),
                "the previous one-hot labels are cleared");
        assertNotSame(first, PixelBatch.of(rows(3, 2), 10).reusedDataSet(), "another row count, other arrays");
    }

    @Test
    void threadsDoNotShareArrays() throws Exception {
        DataSet here = PixelBatch.of(rows(4, 1), 10).reusedDataSet();
        DataSet there = CompletableFuture.supplyAsync(() -> PixelBatch.of(rows(4, 2), 10).reusedDataSet()).get();
        assertNotSame(here, there);
        assertEquals(PixelBatch.of(rows(4, 1), 10).toDataSet().getFeatures(), here.getFeatures());
    }

    @Test
    void labelsBeyondAByteAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PixelBatch.of(rows(1, 1), 257));
    }
}
