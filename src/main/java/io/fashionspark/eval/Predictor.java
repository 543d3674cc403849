package io.fashionspark.eval;

import io.fashionspark.data.ImageRow;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.data.MinibatchBuilder;
import io.fashionspark.data.NdArrays;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Predicts the first images of a set on the driver (a handful of images; no Spark job). */
public final class Predictor {
    private Predictor() {
    }

    /** Predictions for images 0..count-1 of {@code images} (fewer if the set is smaller). */
    public static List<Prediction> predictFirst(MultiLayerNetwork net, LabeledImages images, int count) {
        int n = Math.min(count, images.count());
        List<ImageRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(images.row(i));
        }
        List<Prediction> out = new ArrayList<>(n);
        if (n == 0) {
            return out;
        }
        float[][] probabilities = NdArrays.toRows(net.output(MinibatchBuilder.toDataSet(rows).getFeatures(), false));
        List<String> names = List.of(LabeledImages.CLASS_NAMES);
        for (int i = 0; i < n; i++) {
            int predicted = DistributedEvaluator.argMax(probabilities[i]);
            int actual = rows.get(i).label();
            out.add(new Prediction(i, actual, names.get(actual), predicted, names.get(predicted),
                    probabilities[i][predicted]));
        }
        return out;
    }
}
