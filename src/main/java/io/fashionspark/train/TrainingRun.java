package io.fashionspark.train;

import io.fashionspark.config.RunConfig;
import io.fashionspark.data.EpochSplitter;
import io.fashionspark.data.ImageTable;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.data.SharedImages;
import io.fashionspark.eval.DistributedEvaluator;
import io.fashionspark.eval.EvaluationReport;
import io.fashionspark.eval.Predictor;
import io.fashionspark.model.Classifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * One training run from decoded images to a tested model: cache the tables, run the epoch loop,
 * evaluate on the test set (distributed) and predict the first test images. Runs on the driver;
 * the caller has validated the inputs and owns output files.
 */
public final class TrainingRun {
    /** Number of test images whose predictions are reported, as the recipe prints. */
    public static final int SAMPLE_PREDICTIONS = 10;

    private TrainingRun() {
    }

    /**
     * Trains {@code config}'s network on {@code train} and tests it on {@code test}.
     *
     * @param observer told about each epoch as soon as it ends, and about lost executors
     */
    public static TrainingResult execute(SparkSession spark, RunConfig config, LabeledImages train,
                                         LabeledImages test, RunObserver observer) {
        return execute(spark, config, train, test, StartPoint.fresh(config), observer);
    }

    /**
     * Trains from {@code start} (a fresh network or a checkpoint) to the last epoch and tests the
     * result; the returned epochs include those done before {@code start}.
     */
    public static TrainingResult execute(SparkSession spark, RunConfig config, LabeledImages train,
                                         LabeledImages test, StartPoint start, RunObserver observer) {
        long begin = System.nanoTime();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int workers = workers(sc, config);
        ExecutorWatch watch = ExecutorWatch.attach(spark.sparkContext(), observer);
        try {
            double setup = (System.nanoTime() - begin) / 1e9;
            long loopStart = System.nanoTime();
            TrainedNetwork trained;
            SharedImages images = SharedImages.broadcast(sc, train);
            try {
                trained = train(spark, config, new EpochSplitter(images, config.data().validationCount(train.count()),
                        workers), start, watch, observer);
            } finally {
                images.release();
            }
            MultiLayerNetwork net = trained.network();
            double trainSeconds = (System.nanoTime() - loopStart) / 1e9;
            long testStart = System.nanoTime();
            Classifier model = Classifier.of(net, config.data().classNames());
            EvaluationReport report = DistributedEvaluator.evaluateRows(sc, model, ImageTable.imageRows(sc, test, workers));
            double testSeconds = (System.nanoTime() - testStart) / 1e9;
            return new TrainingResult(net, model, trained.epochs(), report,
                    Predictor.predictFirst(model, test, SAMPLE_PREDICTIONS), workers, setup, trainSeconds,
                    testSeconds, watch.records(), watch.losses());
        } finally {
            watch.detach(spark.sparkContext());
        }
    }

    /**
     * Trains {@code config}'s network on an image table that is already built and cached
     * ({@link ImageTable#SCHEMA}, ids exactly 0..rows-1), e.g. from a user's DataFrame.
     * Runs the full epoch loop; the caller keeps ownership of the table.
     */
    public static TrainedNetwork train(SparkSession spark, RunConfig config, Dataset<Row> table, long rows,
                                       RunObserver observer) {
        ExecutorWatch watch = ExecutorWatch.attach(spark.sparkContext(), observer);
        try {
            return train(spark, config, new EpochSplitter(table, rows, config.data().validationCount(rows),
                    workers(JavaSparkContext.fromSparkContext(spark.sparkContext()), config)), StartPoint.fresh(config),
                    watch, observer);
        } finally {
            watch.detach(spark.sparkContext());
        }
    }

    private static TrainedNetwork train(SparkSession spark, RunConfig config, EpochSplitter splitter, StartPoint start,
                                        ExecutorWatch watch, RunObserver observer) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int workers = workers(sc, config);
        MultiLayerNetwork net = start.network();
        SparkTrainer trainer = new SparkTrainer(spark.sparkContext(), net, config.train(), workers);
        List<EpochMetrics> epochs = new ArrayList<>(start.done());
        try {
            epochs.addAll(new EpochLoop(config, splitter, trainer, sc, watch).run(start.firstEpoch(), observer));
        } finally {
            splitter.release();
        }
        return new TrainedNetwork(net, List.copyOf(epochs));
    }

    /** Training partitions: {@code train.workers}, or Spark's default parallelism when it is 0. */
    public static int workers(JavaSparkContext sc, RunConfig config) {
        return config.train().workers() > 0 ? config.train().workers() : sc.defaultParallelism();
    }
}
