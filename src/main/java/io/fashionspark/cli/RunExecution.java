package io.fashionspark.cli;

import io.fashionspark.config.RunConfig;
import io.fashionspark.report.RunReport;
import io.fashionspark.run.RunFolder;
import io.fashionspark.run.RunSession;
import io.fashionspark.spark.SparkSessionFactory;
import io.fashionspark.train.DivergenceException;
import io.fashionspark.train.EpochMetrics;
import io.fashionspark.train.ExecutorLoss;
import io.fashionspark.train.RunObserver;
import io.fashionspark.train.TrainingResult;
import io.fashionspark.train.TrainingRun;
import java.io.IOException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One training run as a person sees it: the banner, a line per epoch (and a progress bar on a
 * terminal), the results and the report page. The run folder's lock, checkpoints and files are
 * the {@link RunSession}'s.
 */
final class RunExecution {
    private final CliContext context;
    private final String master;
    private final RunConfig config;
    private final Inputs inputs;
    private final ConsoleReport console;

    RunExecution(CliContext context, String master, RunConfig config, Inputs inputs) {
        this.context = context;
        this.master = master;
        this.config = config;
        this.inputs = inputs;
        this.console = new ConsoleReport(context.out());
    }

    /** Trains a new run in {@code folder}; returns the exit code. */
    int run(RunFolder folder) throws IOException {
        try (RunSession session = RunSession.begin(folder, config)) {
            return train(session);
        }
    }

    /** Continues the run in {@code folder} after its newest checkpoint; returns the exit code. */
    int resume(RunFolder folder, RunConfig stored) throws IOException {
        try (RunSession session = RunSession.resume(folder, config)) {
            int done = session.start().firstEpoch();
            context.out().printf("Resuming %s %s%s%n", folder.path(), done == 0
                            ? "from the start (it stopped before its first checkpoint)"
                            : "after epoch " + done + " of " + config.train().epochs(),
                    config.equals(stored) ? "" : " with changed settings (" + ConfigDiff.describe(stored, config) + ")");
            return train(session);
        }
    }

    private int train(RunSession session) throws IOException {
        RunFolder folder = session.folder();
        SparkSession spark = SparkSessionFactory.create(master, "fashion-spark train", SharedOptions.uiOnLoopback(context));
        EpochProgress progress = null;
        try {
            progress = progressBar(spark);
            console.banner(spark, config, inputs.files(), inputs.train(), inputs.test(), folder);
            TrainingResult result = TrainingRun.execute(spark, config, inputs.train(), inputs.test(), session.start(),
                    session.recorder(display()));
            session.finish(spark, inputs.files(), result);
            writeReport(folder, result);
            console.result(result, folder.path());
            return 0;
        } catch (DivergenceException e) {
            console.diverged(e, folder.path(), session.checkpointedEpochs(), config);
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
    private void writeReport(RunFolder folder, TrainingResult result) {
        try {
            RunReport.writeRun(folder.path(), result.model(), inputs.test());
        } catch (IOException | RuntimeException e) {
            context.err().println("train: report.html not written (" + e + "); rebuild it with: report " + folder.path());
            context.err().flush();
        }
    }

    /** What the console shows as the run goes. */
    private RunObserver display() {
        return new RunObserver() {
            @Override
            public void epochDone(EpochMetrics m) {
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
