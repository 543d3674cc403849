package io.fashionspark.testing;

import io.fashionspark.config.DataConfig;
import io.fashionspark.data.DatasetFiles;
import io.fashionspark.data.LabeledImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Generates small, learnable, Fashion-MNIST-shaped datasets for tests.
 *
 * <p>The 28x28 image is cut into a grid of 5 x 2 cells; an image of class {@code k} lights
 * cell {@code (k % 5, k / 5)} brightly, shifted by up to one pixel, with some of its pixels
 * dropped. Every pixel gets background noise, and three images in ten also light a random
 * other cell more dimly, so a model has to learn the pattern rather than read one pixel.
 * Classes are balanced ({@code label = i % 10}, then shuffled with the seed); the same
 * arguments always give the same bytes.
 */
public final class SyntheticFashion {
    /** Number of classes: Fashion-MNIST's ten, labels 0..9. */
    public static final int CLASSES = DataConfig.FASHION_MNIST_CLASSES.size();
    private static final int SIDE = LabeledImages.SIDE;
    private static final int CELL_COLS = 5;
    private static final int CELL_WIDTH = 5;
    private static final int CELL_HEIGHT = 13;
    private static final long TEST_SEED_MIX = 0x9E3779B97F4A7C15L;

    private SyntheticFashion() {
    }

    /**
     * {@code count} labelled 28x28 images generated from {@code seed}.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public static LabeledImages generate(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count: expected >= 0, found " + count);
        }
        Random random = new Random(seed);
        byte[] labels = balancedLabels(count, random);
        byte[] pixels = new byte[count * LabeledImages.PIXELS];
        for (int i = 0; i < count; i++) {
            drawImage(pixels, i * LabeledImages.PIXELS, labels[i], random);
        }
        return new LabeledImages("synthetic(count=" + count + ", seed=" + seed + ")", SIDE, SIDE, pixels, labels);
    }

    /**
     * Writes a training and a test set under the four official file names into {@code dir}
     * (created if needed), as {@code name.gz} if {@code gzip}, else raw {@code name}.
     *
     * <p>The training set is {@code generate(trainCount, seed)}; the test set uses a seed
     * derived from {@code seed}, so the two differ.
     *
     * @return the four files written
     */
    public static DatasetFiles writeDataset(Path dir, int trainCount, int testCount, long seed, boolean gzip)
            throws IOException {
        Files.createDirectories(dir);
        String suffix = gzip ? DatasetFiles.GZ : "";
        Path trainImages = dir.resolve(DatasetFiles.TRAIN_IMAGES + suffix);
        Path trainLabels = dir.resolve(DatasetFiles.TRAIN_LABELS + suffix);
        Path testImages = dir.resolve(DatasetFiles.TEST_IMAGES + suffix);
        Path testLabels = dir.resolve(DatasetFiles.TEST_LABELS + suffix);
        write(generate(trainCount, seed), trainImages, trainLabels, gzip);
        write(generate(testCount, seed ^ TEST_SEED_MIX), testImages, testLabels, gzip);
        return new DatasetFiles(LocalFiles.of(trainImages), LocalFiles.of(trainLabels), LocalFiles.of(testImages),
                LocalFiles.of(testLabels));
    }

    /** Writes {@code set} as an IDX image file and an IDX label file. */
    public static void write(LabeledImages set, Path images, Path labels, boolean gzip) throws IOException {
        IdxWriter.writeImages(images, set.count(), set.rows(), set.cols(), set.pixels(), gzip);
        IdxWriter.writeLabels(labels, set.labels(), gzip);
    }

    private static byte[] balancedLabels(int count, Random random) {
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % CLASSES);
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            byte t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        return labels;
    }

    private static void drawImage(byte[] pixels, int offset, int label, Random random) {
        for (int p = 0; p < LabeledImages.PIXELS; p++) {
            pixels[offset + p] = (byte) random.nextInt(70);
        }
        if (random.nextInt(10) < 3) {
            int other = (label + 1 + random.nextInt(CLASSES - 1)) % CLASSES;
            lightCell(pixels, offset, other, 70, 90, 0.0, random);
        }
        lightCell(pixels, offset, label, 150, 106, 0.15, random);
    }

    /** Lights the cell of {@code cell} with intensities in {@code [base, base + spread)}, shifted by up to a pixel. */
    private static void lightCell(byte[] pixels, int offset, int cell, int base, int spread, double dropRate,
            Random random) {
        int top = 1 + (cell / CELL_COLS) * CELL_HEIGHT + random.nextInt(3) - 1;
        int left = 1 + (cell % CELL_COLS) * CELL_WIDTH + random.nextInt(3) - 1;
        for (int r = Math.max(0, top); r < Math.min(SIDE, top + CELL_HEIGHT); r++) {
            for (int c = Math.max(0, left); c < Math.min(SIDE, left + CELL_WIDTH); c++) {
                if (random.nextDouble() >= dropRate) {
                    pixels[offset + r * SIDE + c] = (byte) (base + random.nextInt(spread));
                }
            }
        }
    }
}
