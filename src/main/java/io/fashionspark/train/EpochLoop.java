package io.fashionspark.train;

import io.fashionspark.config.RunConfig;
import io.fashionspark.data.EpochSplit;
import io.fashionspark.data.EpochSplitter;
import io.fashionspark.data.MinibatchBuilder;
import io.fashionspark.data.PixelBatch;
import io.fashionspark.eval.DistributedEvaluator;
import io.fashionspark.eval.EvaluationReport;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.ParameterDigest;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The epoch loop, run on the driver: split -> fit -> validate -> report, once per epoch.
 * All data work runs on the executors; per epoch the driver handles only the split
 * permutation, averaged parameters and one {@code ConfusionCounts} per validation partition.
 */
public final class EpochLoop {
    /** How often an epoch is tried before the run fails. */
    public static final int MAX_ATTEMPTS = 3;

    private final RunConfig config;
    private final EpochSplitter splitter;
    private final SparkTrainer trainer;
    private final JavaSparkContext sc;
    private final ExecutorWatch watch;

    public EpochLoop(RunConfig config, EpochSplitter splitter, SparkTrainer trainer, JavaSparkContext sc,
                     ExecutorWatch watch) {
        this.config = config;
        this.splitter = splitter;
        this.trainer = trainer;
        this.sc = sc;
        this.watch = watch;
    }

    /**
     * Runs epochs {@code first} .. epochs-1, telling {@code observer} about each epoch as soon as
     * it is done (the caller prints and persists it).
     *
     * <p>An epoch whose Spark jobs fail (for instance when executors are lost faster than Spark
     * can reschedule their tasks) is run again from the parameters and Adam state it started
     * with (parameters, Adam state and Adam's step counter), up to {@link #MAX_ATTEMPTS} times; the
     * split and the dropout masks are the same, as they depend only on the seed, the epoch and the
     * step, so a retried epoch ends exactly as a first attempt would have.
     */
    public List<EpochMetrics> run(int first, RunObserver observer) {
        List<EpochMetrics> all = new ArrayList<>();
        for (int epoch = first; epoch < config.train().epochs(); epoch++) {
            watch.setEpoch(epoch);
            EpochMetrics m = runWithRetries(epoch, observer);
            requireFinite(m);
            all.add(m);
            observer.epochDone(m, trainer.network());
        }
        return all;
    }

    private EpochMetrics runWithRetries(int epoch, RunObserver observer) {
        MultiLayerNetwork net = trainer.network();
        INDArray params = net.params().dup();
        INDArray updater = net.getUpdater().getStateViewArray().dup();
        int iterations = net.getIterationCount();
        for (int attempt = 1; ; attempt++) {
            try {
                return runEpoch(epoch, attempt);
            } catch (Exception e) {
                // SparkException is checked, yet Spark's Scala code throws it through Java calls.
                if (!isSparkFailure(e)) {
                    throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("epoch " + (epoch + 1) + " failed " + attempt + " times: "
                            + e.getMessage(), e);
                }
                observer.epochRetried(epoch, attempt + 1, e.getMessage());
                net.setParams(params.dup());
                net.getUpdater().setStateViewArray(net, updater.dup(), false);
                net.setIterationCount(iterations);
            }
        }
    }

    /** Stops the run when the epoch left NaN or infinite losses or parameters behind. */
    private void requireFinite(EpochMetrics m) {
        double norm = trainer.network().params().norm2Number().doubleValue();
        String bad = !Double.isFinite(m.trainLoss()) ? "train loss " + m.trainLoss()
                : !Double.isFinite(m.valLoss()) ? "validation loss " + m.valLoss()
                : !Double.isFinite(norm) ? "parameter norm " + norm : null;
        if (bad != null) {
            throw new DivergenceException(m.epoch(), "training diverged in epoch " + (m.epoch() + 1) + ": " + bad
                    + " (learning rate " + m.learningRate() + ")");
        }
    }

    private static boolean isSparkFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SparkException) {
                return true;
            }
        }
        return false;
    }

    private EpochMetrics runEpoch(int epoch, int attempt) {
        long start = System.nanoTime();
        EpochSplit split = splitter.split(config.train().seed(), epoch);
        JavaRDD<PixelBatch> batches = MinibatchBuilder.pixelBatches(split.train(), config.train().batchSize(),
                config.data().classes());
        long fitStart = System.nanoTime();
        EpochFit fit = trainer.fitEpoch(batches, epoch);
        double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
        EvaluationReport validation = DistributedEvaluator.evaluateRows(sc,
                Classifier.of(trainer.network(), config.data().classNames()), split.validation());
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochMetrics(epoch, fit.meanLoss(), validation.loss(), validation.accuracy(),
                config.learningRateAt(epoch), fit.learningRates(), seconds, fitSeconds, split.seed(),
                split.trainCount(), split.validationCount(), fit.minibatches(), attempt, watch.lostDuring(epoch),
                ParameterDigest.sha256(trainer.network()), fit.averagingFrequency(), fit.rounds());
    }
}
