package io.fashionspark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fashionspark.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class MinibatchBuilderTest {
    @Test
    void scalesPixelsToMinusOneToOneAsTwoXOver255MinusOne() {
        assertEquals(-1f, Pixels.scale((byte) 0), 0f);
        assertEquals(1f, Pixels.scale((byte) 255), 1e-6f);
        assertEquals(2f * 128 / 255 - 1, Pixels.scale((byte) 128), 1e-6f);
    }

    @Test
    void buildsOneHotLabelsAndScaledFeatures() {
        byte[] px = new byte[LabeledImages.PIXELS];
        px[0] = (byte) 255;
        px[1] = (byte) 51;
        DataSet ds = MinibatchBuilder.batches(List.of(new ImageRow(0, 3, px), new ImageRow(1, 9, new byte[784]))
                .iterator(), 2, 10).next();
        assertArrayEquals(new long[] {2, 784}, ds.getFeatures().shape());
        assertArrayEquals(new long[] {2, 10}, ds.getLabels().shape());
        assertEquals(1f, ds.getFeatures().getFloat(0, 0), 1e-6f);
        assertEquals(2f * 51 / 255 - 1, ds.getFeatures().getFloat(0, 1), 1e-6f);
        assertEquals(-1f, ds.getFeatures().getFloat(1, 5), 0f);
        float[] first = ds.getLabels().getRow(0).toFloatVector();
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0}, first);
        assertEquals(1f, ds.getLabels().getFloat(1, 9), 0f);
        assertEquals(1f, ds.getLabels().sumNumber().floatValue() / 2, 0f);
    }

    @Test
    void groupsEachPartitionIntoBatchesOnTheExecutors() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        List<ImageRow> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(new ImageRow(i, i % 10, new byte[784]));
        }
        List<Integer> sizes = MinibatchBuilder.pixelBatches(sc.parallelize(rows, 2), 128, 10)
                .map(PixelBatch::rows).collect();
        assertEquals(List.of(128, 22, 128, 22), sizes);
    }
}
