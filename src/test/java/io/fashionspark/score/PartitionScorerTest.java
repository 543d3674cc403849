package io.fashionspark.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.DataConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.data.ImageRow;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.data.NdArrays;
import io.fashionspark.data.PixelBatch;
import io.fashionspark.data.Pixels;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.NetworkFactory;
import io.fashionspark.testing.SyntheticFashion;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class PartitionScorerTest {
    @Test
    void rankingIsByProbabilityWithTiesToTheLowerClass() {
        float[] p = {0.1f, 0.3f, 0.05f, 0.3f, 0.2f, 0f, 0f, 0f, 0.05f, 0f};

        assertArrayEquals(new int[] {1, 3, 4}, Classifier.ranking(p, PartitionScorer.TOP));
        assertEquals(Classifier.argMax(p), Classifier.ranking(p, PartitionScorer.TOP)[0]);
    }

    @Test
    void rankingAgreesWithArgMaxOnRandomProbabilities() {
        Random random = new Random(3);
        for (int n = 0; n < 1000; n++) {
            float[] p = new float[10];
            for (int k = 0; k < 10; k++) {
                p[k] = random.nextInt(5) / 4f;
            }
            int[] top = Classifier.ranking(p, PartitionScorer.TOP);
            assertEquals(Classifier.argMax(p), top[0]);
            assertTrue(p[top[0]] >= p[top[1]] && p[top[1]] >= p[top[2]]);
        }
    }

    @Test
    void featuresAreScaledExactlyAsTrainingMinibatches() {
        var set = SyntheticFashion.generate(5, 4L);
        List<byte[]> images = new ArrayList<>();
        List<ImageRow> rows = new ArrayList<>();
        for (int i = 0; i < set.count(); i++) {
            images.add(new PreparedImage(set.image(i), 28, 28, false).pixels());
            rows.add(new ImageRow(i, set.label(i), set.image(i)));
        }
        INDArray training = PixelBatch.of(rows, SyntheticFashion.CLASSES).toDataSet().getFeatures();

        // What the scorer hands the model (prepared pixels) is scaled as training scales them...
        assertEquals(training, Pixels.features(images, LabeledImages.PIXELS));
        // ...and the model's probabilities are the network's output on the training features.
        MultiLayerNetwork net = NetworkFactory.create(RunConfig.DEFAULTS);
        float[][] expected = NdArrays.toRows(net.output(training, false));
        float[][] scored = Classifier.of(net, DataConfig.FASHION_MNIST_CLASSES).probabilities(images);
        assertEquals(expected.length, scored.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], scored[i], 1e-6f, "image " + i);
        }
    }

    @Test
    void fileNameIsTheLastSegmentOfAPathOrUri() {
        assertEquals("00042.png", PartitionScorer.fileName("file:/data/png/3/00042.png"));
        assertEquals("a.png", PartitionScorer.fileName("a.png"));
    }
}
