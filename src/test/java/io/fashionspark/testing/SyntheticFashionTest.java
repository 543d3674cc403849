package io.fashionspark.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.data.DatasetFiles;
import io.fashionspark.data.IdxReader;
import io.fashionspark.data.LabeledImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticFashionTest {
    @TempDir
    Path dir;

    @Test
    void balancesClasses() {
        int[] perClass = new int[SyntheticFashion.CLASSES];
        for (byte label : SyntheticFashion.generate(95, 1L).labels()) {
            perClass[label]++;
        }

        for (int k = 0; k < SyntheticFashion.CLASSES; k++) {
            assertTrue(perClass[k] == 9 || perClass[k] == 10, "class " + k + ": " + perClass[k]);
        }
        assertEquals(95, Arrays.stream(perClass).sum());
    }

    @Test
    void shufflesLabelsWithSeed() {
        byte[] labels = SyntheticFashion.generate(100, 1L).labels();
        byte[] inOrder = new byte[100];
        for (int i = 0; i < 100; i++) {
            inOrder[i] = (byte) (i % 10);
        }

        assertFalse(Arrays.equals(inOrder, labels));
    }

    @Test
    void sameSeedGivesSameBytesAndOtherSeedOthers() {
        assertEquals(SyntheticFashion.generate(50, 9L), SyntheticFashion.generate(50, 9L));
        assertFalse(Arrays.equals(SyntheticFashion.generate(50, 9L).pixels(), SyntheticFashion.generate(50, 10L).pixels()));
    }

    @Test
    void isLearnableButNoisy() {
        LabeledImages train = SyntheticFashion.generate(500, 1L);
        LabeledImages test = SyntheticFashion.generate(300, 2L);
        double[][] centroids = centroids(train);

        int correct = 0;
        for (int i = 0; i < test.count(); i++) {
            correct += nearest(centroids, test.image(i)) == test.label(i) ? 1 : 0;
        }

        assertTrue(correct > 0.8 * test.count(), "nearest-centroid accuracy " + correct + "/" + test.count());
        assertFalse(Arrays.equals(sameClassImages(train)[0], sameClassImages(train)[1]));
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {true, false})
    void writesReadableDatasetUnderOfficialNames(boolean gzip) throws IOException {
        DatasetFiles written = SyntheticFashion.writeDataset(dir.resolve("data"), 40, 20, 5L, gzip);

        DatasetFiles located = DatasetFiles.locate(LocalFiles.of(dir.resolve("data")));
        LabeledImages train = IdxReader.read(located.trainImages(), located.trainLabels(), SyntheticFashion.CLASSES);
        LabeledImages test = IdxReader.read(located.testImages(), located.testLabels(), SyntheticFashion.CLASSES);

        assertEquals(written, located);
        assertEquals(gzip, located.trainImages().toString().endsWith(".gz"));
        assertEquals(40, train.count());
        assertEquals(20, test.count());
        assertArrayEquals(SyntheticFashion.generate(40, 5L).pixels(), train.pixels());
        assertFalse(Arrays.equals(Arrays.copyOf(train.pixels(), 784 * 20), test.pixels()));
    }

    @Test
    void rejectsNegativeCount() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticFashion.generate(-1, 1L));
    }

    private static double[][] centroids(LabeledImages set) {
        double[][] sums = new double[SyntheticFashion.CLASSES][LabeledImages.PIXELS];
        int[] counts = new int[SyntheticFashion.CLASSES];
        for (int i = 0; i < set.count(); i++) {
            byte[] image = set.image(i);
            counts[set.label(i)]++;
            for (int p = 0; p < image.length; p++) {
                sums[set.label(i)][p] += Byte.toUnsignedInt(image[p]);
            }
        }
        for (int k = 0; k < sums.length; k++) {
            for (int p = 0; p < sums[k].length; p++) {
                sums[k][p] /= counts[k];
            }
        }
        return sums;
    }

    private static int nearest(double[][] centroids, byte[] image) {
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (int k = 0; k < centroids.length; k++) {
            double distance = 0;
            for (int p = 0; p < image.length; p++) {
                double d = Byte.toUnsignedInt(image[p]) - centroids[k][p];
                distance += d * d;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = k;
            }
        }
        return best;
    }

    private static byte[][] sameClassImages(LabeledImages set) {
        int first = 0;
        for (int i = 1; i < set.count(); i++) {
            if (set.label(i) == set.label(first)) {
                return new byte[][] {set.image(first), set.image(i)};
            }
        }
        throw new AssertionError("no two images share a class");
    }
}
