package io.fashionspark.eval;

import io.fashionspark.data.LabeledImages;
import io.fashionspark.model.Classifier;
import java.util.ArrayList;
import java.util.List;

/** Predicts the first images of a set on the driver (a handful of images; no Spark job). */
public final class Predictor {
    private Predictor() {
    }

    /** Predictions for images 0..count-1 of {@code images} (fewer if the set is smaller). */
    public static List<Prediction> predictFirst(Classifier model, LabeledImages images, int count) {
        int n = Math.min(count, images.count());
        List<byte[]> pixels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pixels.add(images.image(i));
        }
        float[][] probabilities = model.probabilities(pixels);
        List<Prediction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int predicted = Classifier.argMax(probabilities[i]);
            int actual = images.label(i);
            out.add(new Prediction(i, actual, model.className(actual), predicted, model.className(predicted),
                    probabilities[i][predicted]));
        }
        return out;
    }
}
