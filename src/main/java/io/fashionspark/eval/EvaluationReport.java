package io.fashionspark.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Result of evaluating a model on a labelled set.
 *
 * @param examples        number of examples evaluated
 * @param accuracy        share predicted correctly
 * @param loss            mean cross-entropy plus the model's L2 penalty (DL4J score semantics)
 * @param perClass        precision / recall / F1 per class
 * @param confusionMatrix counts [true][predicted]
 * @param classNames      name of each class index
 */
public record EvaluationReport(long examples, double accuracy, double loss, List<ClassMetrics> perClass,
                               long[][] confusionMatrix, List<String> classNames) {

    /** Derives the report from merged counts; {@code l2Penalty} is added to the mean cross-entropy. */
    public static EvaluationReport of(ConfusionCounts counts, double l2Penalty, List<String> classNames) {
        long[][] m = counts.matrix();
        long total = counts.total();
        List<ClassMetrics> perClass = new ArrayList<>();
        for (int c = 0; c < m.length; c++) {
            long tp = m[c][c];
            long actual = 0;
            long predicted = 0;
            for (int k = 0; k < m.length; k++) {
                actual += m[c][k];
                predicted += m[k][c];
            }
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = actual == 0 ? 0 : (double) tp / actual;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(new ClassMetrics(c, classNames.get(c), precision, recall, f1, actual));
        }
        double accuracy = total == 0 ? Double.NaN : (double) counts.correct() / total;
        double loss = total == 0 ? Double.NaN : counts.crossEntropySum() / total + l2Penalty;
        return new EvaluationReport(total, accuracy, loss, List.copyOf(perClass), m, List.copyOf(classNames));
    }

    /** The (true, predicted) pairs with the most confusions, most frequent first, excluding the diagonal. */
    public List<int[]> mostConfused(int limit) {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < confusionMatrix.length; i++) {
            for (int j = 0; j < confusionMatrix.length; j++) {
                if (i != j && confusionMatrix[i][j] > 0) {
                    pairs.add(new int[] {i, j});
                }
            }
        }
        pairs.sort((a, b) -> Long.compare(confusionMatrix[b[0]][b[1]], confusionMatrix[a[0]][a[1]]));
        return pairs.subList(0, Math.min(limit, pairs.size()));
    }
}
