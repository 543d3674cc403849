package io.fashionspark.eval;

import io.fashionspark.data.ImageRow;
import io.fashionspark.model.Classifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Evaluates a {@link Classifier} on labelled image rows as a map-reduce: the classifier is
 * broadcast once, each partition predicts its rows in minibatches of {@link #BATCH} on the
 * executors and folds them into {@link ConfusionCounts} (inference mode, no dropout), and the
 * driver merges one {@code ConfusionCounts} per partition, in partition order, so the same rows
 * give the same report however the tasks were scheduled.
 */
public final class DistributedEvaluator {
    /** Minibatch size of inference (memory-bound, not a hyperparameter). */
    public static final int BATCH = 500;
    private static final double MIN_PROBABILITY = 1e-10;

    private DistributedEvaluator() {
    }

    /** Evaluates {@code model} on {@code rows}; runs one Spark job. */
    public static EvaluationReport evaluateRows(JavaSparkContext sc, Classifier model, JavaRDD<ImageRow> rows) {
        Broadcast<Classifier> shipped = sc.broadcast(model);
        try {
            List<ConfusionCounts> partials = rows
                    .mapPartitions(it -> List.of(count(shipped.value(), it)).iterator())
                    .collect();
            ConfusionCounts merged = new ConfusionCounts(model.classes());
            partials.forEach(merged::merge);
            return EvaluationReport.of(merged, model.l2Penalty(), model.classNames());
        } finally {
            shipped.unpersist(false);
        }
    }

    /** Evaluates {@code model} on {@code rows} on this JVM: the single-process reference. */
    public static EvaluationReport evaluateLocally(Classifier model, Iterator<ImageRow> rows) {
        return EvaluationReport.of(count(model, rows), model.l2Penalty(), model.classNames());
    }

    /** Predicts {@code rows} in minibatches of {@link #BATCH} and counts the outcomes. */
    static ConfusionCounts count(Classifier model, Iterator<ImageRow> rows) {
        ConfusionCounts counts = new ConfusionCounts(model.classes());
        List<byte[]> images = new ArrayList<>(BATCH);
        List<Integer> labels = new ArrayList<>(BATCH);
        while (rows.hasNext()) {
            images.clear();
            labels.clear();
            while (rows.hasNext() && images.size() < BATCH) {
                ImageRow row = rows.next();
                images.add(row.pixels());
                labels.add(row.label());
            }
            float[][] probabilities = model.probabilities(images);
            for (int i = 0; i < probabilities.length; i++) {
                int actual = labels.get(i);
                // Cross-entropy as DL4J's MCXENT computes it (probabilities clipped at 1e-10); the
                // L2 term is added once, globally.
                double loss = -Math.log(Math.max(probabilities[i][actual], MIN_PROBABILITY));
                counts.add(actual, Classifier.argMax(probabilities[i]), loss);
            }
        }
        return counts;
    }
}
