package io.fashionspark.run;

import io.fashionspark.eval.ClassMetrics;
import io.fashionspark.eval.EvaluationReport;
import io.fashionspark.eval.Prediction;
import java.util.List;

/**
 * {@code test-report.json}: a model's evaluation on the test set, the model it describes and
 * its predictions for the first test images. Also what {@code evaluate --report} writes.
 *
 * @param model           the model file evaluated
 * @param examples        test images evaluated
 * @param accuracy        share predicted correctly
 * @param loss            mean cross-entropy plus the model's L2 penalty
 * @param perClass        precision, recall, F1 and support per class
 * @param confusionMatrix counts [true][predicted]
 * @param classNames      name of each class index
 * @param predictions     predictions for the first test images
 */
public record TestReport(String model, long examples, double accuracy, double loss, List<ClassMetrics> perClass,
                         long[][] confusionMatrix, List<String> classNames, List<Prediction> predictions) {
    /**
     * Checks that the matrix, the names and the per-class rows describe the same classes.
     *
     * @throws IllegalArgumentException naming the field that disagrees
     */
    public TestReport {
        perClass = perClass == null ? List.of() : List.copyOf(perClass);
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        predictions = predictions == null ? List.of() : List.copyOf(predictions);
        if (confusionMatrix == null || confusionMatrix.length == 0 || confusionMatrix.length != classNames.size()
                || perClass.size() != classNames.size()) {
            throw new IllegalArgumentException("expected confusion_matrix, class_names and per_class of the same"
                    + " number of classes");
        }
        for (int r = 0; r < confusionMatrix.length; r++) {
            if (confusionMatrix[r] == null || confusionMatrix[r].length != classNames.size()) {
                throw new IllegalArgumentException("expected confusion_matrix row " + r + " to hold "
                        + classNames.size() + " counts");
            }
        }
    }

    /** The report of {@code evaluation} of {@code model}, with {@code predictions}. */
    public static TestReport of(EvaluationReport evaluation, List<Prediction> predictions, String model) {
        return new TestReport(model, evaluation.examples(), evaluation.accuracy(), evaluation.loss(),
                evaluation.perClass(), evaluation.confusionMatrix(), evaluation.classNames(), predictions);
    }

    /** The evaluation this report holds. */
    public EvaluationReport evaluation() {
        return new EvaluationReport(examples, accuracy, loss, perClass, confusionMatrix, classNames);
    }
}
