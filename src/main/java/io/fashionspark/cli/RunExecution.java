package io.fashionspark.cli;

import io.fashionspark.config.RunConfig;
import io.fashionspark.model.ModelStore;
import io.fashionspark.report.Checkpoints;
import io.fashionspark.report.RunFolder;
import io.fashionspark.report.RunLock;
import io.fashionspark.report.RunOutputs;
import io.fashionspark.report.RunReport;
import io.fashionspark.report.RunWriter;
import io.fashionspark.train.DivergenceException;
import io.fashionspark.train.EpochMetrics;
import io.fashionspark.train.ExecutorLoss;
import io.fashionspark.train.RunObserver;
import io.fashionspark.train.SparkSessionFactory;
import io.fashionspark.train.StartPoint;
import io.fashionspark.train.TrainingResult;
import io.fashionspark.train.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * One training run into a locked run folder: banner, epochs (each checkpointed, then
 * metrics.jsonl rewritten), final outputs. A run that fails keeps its checkpoints so it can be
 * resumed; one that fails before its first checkpoint in a folder it created leaves nothing.
 */
final class RunExecution {
    private final CliContext context;
    private final String master;
    private final RunFolder folder;
    private final RunConfig config;
    private final Inputs inputs;
    private final ConsoleReport console;
    private final Checkpoints checkpoints;

    RunExecution(CliContext context, String master, RunFolder folder, RunConfig config, Inputs inputs) {
        this.context = context;
        this.master = master;
        this.folder = folder;
        this.config = config;
        this.inputs = inputs;
        this.console = new ConsoleReport(context.out());
        this.checkpoints = new Checkpoints(folder.path(), config.train().checkpointsKept());
    }

    /** Trains from {@code start}; returns the exit code. */
    int run(StartPoint start) throws IOException {
        try (RunLock lock = RunLock.acquire(folder.path())) {
            new RunWriter(folder).writeConfig(config);
            return train(start);
        } catch (IOException | RuntimeException e) {
            if (folder.created() && checkpoints.latest().isEmpty()) {
                folder.delete();
            }
            throw e;
        }
    }

    /** Continues after the newest checkpoint (or from scratch if there is none); returns the exit code. */
    int resume(RunConfig stored) throws IOException {
        try (RunLock lock = RunLock.acquire(folder.path())) {
            Optional<Checkpoints.Checkpoint> latest = checkpoints.latest();
            StartPoint start = latest.isEmpty() ? StartPoint.fresh(config)
                    : StartPoint.resume(config, ModelStore.load(latest.get().model()), latest.get().metrics());
            context.out().printf("Resuming %s after epoch %d of %d%s%n", folder.path(), start.firstEpoch(),
                    config.train().epochs(), config.equals(stored) ? "" : " with changed settings ("
                            + ConfigDiff.describe(stored, config) + ")");
            new RunWriter(folder).writeConfig(config);
            return train(start);
        }
    }

    private int train(StartPoint start) throws IOException {
        RunWriter writer = new RunWriter(folder);
        SparkSession spark = SparkSessionFactory.create(master, "fashion-spark train", SharedOptions.uiOnLoopback(context));
        EpochProgress progress = null;
        try {
            progress = progressBar(spark);
            console.banner(spark, config, inputs.files(), inputs.train(), inputs.test(), folder);
            TrainingResult result = TrainingRun.execute(spark, config, inputs.train(), inputs.test(), start,
                    observer(writer, start.done()));
            new RunOutputs(writer, folder).write(spark, config, inputs.files(), result);
            writeReport(result);
            console.result(result, folder.path());
            return 0;
        } catch (DivergenceException e) {
            console.diverged(e, folder.path(), checkpoints.latest().map(c -> c.epochsDone()).orElse(0), config);
            throw e;
        } finally {
            if (progress != null) {
                console.showProgress(null);
                spark.sparkContext().removeSparkListener(progress);
            }
            spark.stop();
        }
    }

    /** The live progress bar, on an interactive terminal only; null elsewhere (files, pipes, CI). */
    private EpochProgress progressBar(SparkSession spark) {
        if (!EpochProgress.interactive(context.env(), System.console() != null)) {
            return null;
        }
        int workers = TrainingRun.workers(JavaSparkContext.fromSparkContext(spark.sparkContext()), config);
        long rows = inputs.train().count() - config.data().validationCount(inputs.train().count());
        long perWorker = (rows + workers - 1) / workers;
        long batch = config.train().batchSize();
        EpochProgress progress = new EpochProgress(context.out(), config.train().epochs(),
                workers * ((perWorker + batch - 1) / batch));
        spark.sparkContext().addSparkListener(progress);
        console.showProgress(progress);
        return progress;
    }

    /**
     * report.html and its PNGs. The run's own files are complete by now, so a report that cannot
     * be written is a warning, not a failed run: it can be rebuilt with the report command.
     */
    private void writeReport(TrainingResult result) {
        try {
            RunReport.writeRun(folder.path(), result.network(), inputs.test());
        } catch (IOException | RuntimeException e) {
            context.err().println("train: report.html not written (" + e + "); rebuild it with: report " + folder.path());
            context.err().flush();
        }
    }

    private RunObserver observer(RunWriter writer, List<EpochMetrics> done) {
        List<EpochMetrics> all = new ArrayList<>(done);
        return new RunObserver() {
            @Override
            public void epochDone(EpochMetrics m) {
                throw new IllegalStateException("the epoch loop reports epochs with their network");
            }

            @Override
            public void epochDone(EpochMetrics m, MultiLayerNetwork network) {
                all.add(m);
                try {
                    // Checkpoint first: metrics.jsonl never names an epoch that no checkpoint holds.
                    checkpoints.write(network, all);
                    writer.writeMetrics(all);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                console.epoch(m, config.train().epochs());
            }

            @Override
            public void executorLost(ExecutorLoss loss) {
                console.executorLost(loss);
            }

            @Override
            public void epochRetried(int epoch, int attempt, String reason) {
                console.epochRetried(epoch, attempt, reason);
            }
        };
    }
}
