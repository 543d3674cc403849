package io.fashionspark.eval;

import io.fashionspark.data.ImageRow;
import io.fashionspark.data.ImageTable;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.data.MinibatchBuilder;
import io.fashionspark.data.NdArrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import io.fashionspark.model.PortableModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Evaluates a network over an RDD of minibatches as a map-reduce: the network is broadcast once
 * as a {@link PortableModel}, each executor builds one copy per concurrent task, each partition folds
 * its minibatches into {@link ConfusionCounts} (inference mode, no dropout), and Spark's reduce
 * merges the partials. Only one {@code ConfusionCounts} per partition reaches the driver.
 */
public final class DistributedEvaluator {
    /** Minibatch size of inference (memory-bound, not a hyperparameter). */
    public static final int BATCH = 500;
    private static final double MIN_PROBABILITY = 1e-10;

    private DistributedEvaluator() {
    }

    /** Evaluates {@code net} (unchanged) on {@code minibatches}; runs one Spark job. */
    public static EvaluationReport evaluate(JavaSparkContext sc, MultiLayerNetwork net, JavaRDD<DataSet> minibatches) {
        return evaluateWith(sc, net, minibatches, DistributedEvaluator::countPartition);
    }

    /** Folds one partition into confusion counts on an executor. */
    private interface PartitionCounter<T> extends java.io.Serializable {
        ConfusionCounts count(PortableModel model, Iterator<T> items, int classes);
    }

    /** Broadcasts {@code net}, folds every partition of {@code items} with {@code counter}, merges on the driver. */
    private static <T> EvaluationReport evaluateWith(JavaSparkContext sc, MultiLayerNetwork net, JavaRDD<T> items,
                                                     PartitionCounter<T> counter) {
        Broadcast<PortableModel> model = sc.broadcast(PortableModel.of(net));
        int classes = LabeledImages.CLASSES;
        try {
            ConfusionCounts merged = items
                    .mapPartitions(it -> List.of(counter.count(model.value(), it, classes)).iterator())
                    .fold(new ConfusionCounts(classes), ConfusionCounts::merge);
            return EvaluationReport.of(merged, l2Penalty(net), List.of(LabeledImages.CLASS_NAMES));
        } finally {
            model.unpersist(false);
        }
    }

    /**
     * Evaluates {@code net} on every row of an image table (see {@code ImageTable}), in minibatches
     * of {@link #BATCH} built on the executors; runs one Spark job.
     */
    public static EvaluationReport evaluateTable(JavaSparkContext sc, MultiLayerNetwork net, Dataset<Row> table) {
        return evaluateRows(sc, net, table.javaRDD().map(ImageTable::toImageRow));
    }

    /**
     * Evaluates {@code net} on image rows, in minibatches of {@link #BATCH} built on the executors
     * and freed as soon as they are counted (their off-heap memory is reused by the next batch
     * instead of waiting for a garbage collection); runs one Spark job.
     */
    public static EvaluationReport evaluateRows(JavaSparkContext sc, MultiLayerNetwork net, JavaRDD<ImageRow> rows) {
        return evaluateWith(sc, net, rows, DistributedEvaluator::countRows);
    }

    private static ConfusionCounts countRows(PortableModel model, Iterator<ImageRow> rows, int classes) {
        return countBatches(model::probabilities, MinibatchBuilder.batches(rows, BATCH), classes, true);
    }

    /** Evaluates {@code net} on local minibatches on this JVM: the single-process reference. */
    public static EvaluationReport evaluateLocally(MultiLayerNetwork net, Iterator<DataSet> minibatches) {
        ConfusionCounts counts = count(net, minibatches, LabeledImages.CLASSES);
        return EvaluationReport.of(counts, l2Penalty(net), List.of(LabeledImages.CLASS_NAMES));
    }

    /** The L2 penalty of the network's current weights, as DL4J adds it to the score. */
    static double l2Penalty(MultiLayerNetwork net) {
        return net.calcRegularizationScore(true);
    }

    private static ConfusionCounts countPartition(PortableModel model, Iterator<DataSet> batches, int classes) {
        return countBatches(model::probabilities, batches, classes, false);
    }

    private static ConfusionCounts count(MultiLayerNetwork net, Iterator<DataSet> batches, int classes) {
        return countBatches(features -> NdArrays.toRows(net.output(features, false)), batches, classes, false);
    }

    /**
     * Folds minibatches into confusion counts with {@code probabilities} ([n][10] for [n, 784]
     * features); {@code free} closes each batch's arrays once counted (only for batches built here).
     */
    private static ConfusionCounts countBatches(Function<INDArray, float[][]> probabilities, Iterator<DataSet> batches,
                                                int classes, boolean free) {
        ConfusionCounts counts = new ConfusionCounts(classes);
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            add(counts, probabilities.apply(batch.getFeatures()), NdArrays.toRows(batch.getLabels()));
            if (free) {
                batch.getFeatures().close();
                batch.getLabels().close();
            }
        }
        return counts;
    }

    private static void add(ConfusionCounts counts, float[][] probabilities, float[][] labels) {
        for (int i = 0; i < probabilities.length; i++) {
            int actual = argMax(labels[i]);
            // Cross-entropy as DL4J's MCXENT computes it (probabilities clipped at 1e-10); the
            // L2 term is added once, globally.
            double loss = -Math.log(Math.max(probabilities[i][actual], MIN_PROBABILITY));
            counts.add(actual, argMax(probabilities[i]), loss);
        }
    }

    /** Index of the largest value; the first one on ties. */
    public static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
