package io.fashionspark.report;

import io.fashionspark.data.LabeledImages;
import io.fashionspark.model.Classifier;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The test images the report shows: the model's most confident mistakes first, then correct
 * answers from every class in turn.
 *
 * @param images   the images shown, in display order
 * @param mistakes mistakes on the whole test set
 * @param examples   test images predicted
 * @param classNames the model's class names, by label
 */
public record ImageGrid(List<GridImage> images, int mistakes, int examples, List<String> classNames) {
    /** Images in a report's grid. */
    public static final int SIZE = 40;
    /** At most this many of them are mistakes, so that the grid also shows what the model gets right. */
    public static final int MAX_MISTAKES = 24;
    private static final int BATCH = 1000;

    /** Copies the lists. */
    public ImageGrid {
        images = List.copyOf(images);
        classNames = List.copyOf(classNames);
    }

    /**
     * Predicts every image of {@code test} with {@code model} on the driver (no Spark; 10,000 images
     * take well under a second) and keeps the {@code size} to show.
     */
    public static ImageGrid of(Classifier model, LabeledImages test, int size) {
        int n = test.count();
        int[] predicted = new int[n];
        float[] confidence = new float[n];
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            List<byte[]> images = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                images.add(test.image(i));
            }
            float[][] p = model.probabilities(images);
            for (int i = from; i < to; i++) {
                float[] row = p[i - from];
                predicted[i] = Classifier.argMax(row);
                confidence[i] = row[predicted[i]];
            }
        }
        return choose(test, predicted, confidence, size, model.classNames());
    }

    /** Picks the images to show from every image's prediction and its probability. */
    static ImageGrid choose(LabeledImages test, int[] predicted, float[] confidence, int size,
                            List<String> classNames) {
        List<Integer> wrong = new ArrayList<>();
        List<List<Integer>> rightByClass = new ArrayList<>();
        for (int k = 0; k < classNames.size(); k++) {
            rightByClass.add(new ArrayList<>());
        }
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == test.label(i)) {
                rightByClass.get(test.label(i)).add(i);
            } else {
                wrong.add(i);
            }
        }
        wrong.sort(Comparator.comparingDouble((Integer i) -> -confidence[i]).thenComparingInt(i -> i));
        List<Integer> shown = new ArrayList<>(wrong.subList(0, Math.min(wrong.size(), Math.min(size, MAX_MISTAKES))));
        for (int round = 0; shown.size() < size; round++) {
            boolean any = false;
            for (int k = 0; k < classNames.size() && shown.size() < size; k++) {
                if (round < rightByClass.get(k).size()) {
                    shown.add(rightByClass.get(k).get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        // A model that is nearly always wrong: fill the rest with more mistakes.
        for (int i = MAX_MISTAKES; shown.size() < size && i < wrong.size(); i++) {
            shown.add(wrong.get(i));
        }
        List<GridImage> images = new ArrayList<>(shown.size());
        for (int i : shown) {
            images.add(new GridImage(i, test.image(i), test.label(i), predicted[i], confidence[i]));
        }
        return new ImageGrid(images, wrong.size(), predicted.length, classNames);
    }

    /** A grey image as a base64 PNG, for a {@code data:image/png;base64,} URL. */
    public static String pngBase64(byte[] pixels, int side) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, side, side, pixels);
        return Base64.getEncoder().encodeToString(PngCharts.encode(image));
    }
}
