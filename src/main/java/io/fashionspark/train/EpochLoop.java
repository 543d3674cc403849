package io.fashionspark.train;

import io.fashionspark.config.RunConfig;
import io.fashionspark.data.EpochSplit;
import io.fashionspark.data.EpochSplitter;
import io.fashionspark.data.MinibatchBuilder;
import io.fashionspark.eval.DistributedEvaluator;
import io.fashionspark.eval.EvaluationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The epoch loop, run on the driver: split -> fit -> validate -> report, once per epoch.
 * All data work runs on the executors; per epoch the driver handles only the split
 * permutation, averaged parameters and one {@code ConfusionCounts} per validation partition.
 */
public final class EpochLoop {
    private final RunConfig config;
    private final EpochSplitter splitter;
    private final SparkTrainer trainer;
    private final JavaSparkContext sc;

    public EpochLoop(RunConfig config, EpochSplitter splitter, SparkTrainer trainer, JavaSparkContext sc) {
        this.config = config;
        this.splitter = splitter;
        this.trainer = trainer;
        this.sc = sc;
    }

    /**
     * Runs epochs {@code first} .. epochs-1, handing each epoch's metrics to {@code onEpoch}
     * as soon as it is done (the caller prints and persists them).
     */
    public List<EpochMetrics> run(int first, Consumer<EpochMetrics> onEpoch) {
        List<EpochMetrics> all = new ArrayList<>();
        for (int epoch = first; epoch < config.train().epochs(); epoch++) {
            EpochMetrics m = runEpoch(epoch);
            all.add(m);
            onEpoch.accept(m);
        }
        return all;
    }

    private EpochMetrics runEpoch(int epoch) {
        long start = System.nanoTime();
        EpochSplit split = splitter.split(config.train().seed(), epoch);
        JavaRDD<DataSet> batches = MinibatchBuilder.minibatches(split.train(), config.train().batchSize());
        long fitStart = System.nanoTime();
        EpochFit fit;
        try {
            fit = trainer.fitEpoch(batches, epoch);
        } finally {
            batches.unpersist(false);
        }
        double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
        EvaluationReport validation = DistributedEvaluator.evaluate(sc, trainer.network(),
                MinibatchBuilder.minibatches(split.validation(), DistributedEvaluator.BATCH));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochMetrics(epoch, fit.meanLoss(), validation.loss(), validation.accuracy(),
                config.learningRateAt(epoch), fit.learningRates(), seconds, fitSeconds, split.seed(),
                split.trainCount(), split.validationCount(), fit.minibatches());
    }
}
