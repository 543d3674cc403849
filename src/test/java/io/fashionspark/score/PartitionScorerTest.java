package io.fashionspark.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.data.ImageRow;
import io.fashionspark.data.MinibatchBuilder;
import io.fashionspark.eval.DistributedEvaluator;
import io.fashionspark.testing.SyntheticFashion;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartitionScorerTest {
    @Test
    void rankingIsByProbabilityWithTiesToTheLowerClass() {
        float[] p = {0.1f, 0.3f, 0.05f, 0.3f, 0.2f, 0f, 0f, 0f, 0.05f, 0f};

        assertArrayEquals(new int[] {1, 3, 4}, PartitionScorer.ranking(p));
        assertEquals(DistributedEvaluator.argMax(p), PartitionScorer.ranking(p)[0]);
    }

    @Test
    void rankingAgreesWithArgMaxOnRandomProbabilities() {
        Random random = new Random(3);
        for (int n = 0; n < 1000; n++) {
            float[] p = new float[10];
            for (int k = 0; k < 10; k++) {
                p[k] = random.nextInt(5) / 4f;
            }
            int[] top = PartitionScorer.ranking(p);
            assertEquals(DistributedEvaluator.argMax(p), top[0]);
            assertTrue(p[top[0]] >= p[top[1]] && p[top[1]] >= p[top[2]]);
        }
    }

    @Test
    void featuresAreScaledExactlyAsTrainingMinibatches() {
        var set = SyntheticFashion.generate(5, 4L);
        List<PreparedImage> images = new ArrayList<>();
        List<ImageRow> rows = new ArrayList<>();
        for (int i = 0; i < set.count(); i++) {
            images.add(new PreparedImage(set.image(i), 28, 28, false));
            rows.add(new ImageRow(i, set.label(i), set.image(i)));
        }

        assertEquals(MinibatchBuilder.toDataSet(rows).getFeatures(), PartitionScorer.features(images));
    }

    @Test
    void fileNameIsTheLastSegmentOfAPathOrUri() {
        assertEquals("00042.png", PartitionScorer.fileName("file:/data/png/3/00042.png"));
        assertEquals("a.png", PartitionScorer.fileName("a.png"));
    }
}
