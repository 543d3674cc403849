package io.fashionspark.cli;

import io.fashionspark.config.RunConfig;
import io.fashionspark.config.TrainConfig;
import io.fashionspark.data.DatasetFiles;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.eval.ClassMetrics;
import io.fashionspark.eval.EvaluationReport;
import io.fashionspark.eval.Prediction;
import io.fashionspark.files.Location;
import io.fashionspark.model.NetworkFactory;
import io.fashionspark.model.ParameterDigest;
import io.fashionspark.run.RunFolder;
import io.fashionspark.train.EpochMetrics;
import io.fashionspark.train.ExecutorLoss;
import io.fashionspark.train.TrainingResult;
import io.fashionspark.train.TrainingRun;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * What a person sees on stdout: a start banner, one line per epoch (with an estimate of the time
 * left), and the results. On an interactive terminal an {@link EpochProgress} bar may run
 * between epoch lines; every line printed here erases it first.
 */
final class ConsoleReport {
    private final PrintWriter out;
    private EpochProgress progress;
    private double epochSeconds;
    private int epochsTimed;

    ConsoleReport(PrintWriter out) {
        this.out = out;
    }

    void banner(SparkSession spark, RunConfig config, DatasetFiles files, LabeledImages train, LabeledImages test,
                RunFolder folder) {
        var sc = spark.sparkContext();
        printf("fashion-spark train: master %s, default parallelism %d, Spark UI %s%n", sc.master(),
                sc.defaultParallelism(), sc.uiWebUrl().isDefined() ? sc.uiWebUrl().get() : "off");
        printf("data: %s (%d training, %d test images)%n", files.trainImages().parent(), train.count(), test.count());
        printf("model: 784-%s-%d, %,d parameters, dropout %.2f, L2 %.0e; Adam lr %.4g (%s), batch %d, %d epochs,"
                        + " %s%n",
                String.join("-", config.model().hidden().stream().map(String::valueOf).toList()), config.data().classes(),
                NetworkFactory.parameterCount(config), config.model().dropout(), config.model().l2(),
                config.optimizer().learningRate(), config.optimizer().schedule().name().toLowerCase(Locale.ROOT),
                config.train().batchSize(), config.train().epochs(), averaging(config.train(),
                        TrainingRun.workers(JavaSparkContext.fromSparkContext(sc), config)));
        printf("output: %s (checkpoint after every epoch; resume with: train --resume %s)%n", folder.path(),
                folder.path());
    }

    /** How often {@code workers} workers average, and whether {@code auto} chose it. */
    static String averaging(TrainConfig train, int workers) {
        String chosen = train.autoAveraging() ? " (auto for " + workers + (workers == 1 ? " worker)" : " workers)") : "";
        int f = train.averagingFrequencyFor(workers, 0);
        return workers == 1 && train.autoAveraging() ? "one averaging round per epoch" + chosen
                : (f == 1 ? "averaging after every minibatch" : "averaging every " + f + " minibatches") + chosen;
    }

    /** Shows {@code bar} between epoch lines from now on (null: none). */
    void showProgress(EpochProgress bar) {
        synchronized (out) {
            this.progress = bar;
        }
    }

    void epoch(EpochMetrics m, int epochs) {
        if (progress != null) {
            progress.epochDone(m.epoch(), m.minibatches());
        }
        epochSeconds += m.seconds();
        epochsTimed++;
        int remaining = epochs - (m.epoch() + 1);
        String eta = remaining > 0 ? "  eta " + duration(remaining * epochSeconds / epochsTimed) : "";
        printf("epoch %2d/%d  train loss %.4f  val loss %.4f  val acc %.4f  lr %.5f  %.1fs%s%n", m.epoch() + 1, epochs,
                m.trainLoss(), m.valLoss(), m.valAccuracy(), m.learningRate(), m.seconds(), eta);
    }

    /** A duration for people: 45s, 2m05s, 1h02m. */
    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    void executorLost(ExecutorLoss loss) {
        printf("executor %s lost during epoch %d: %s%n", loss.executorId(), loss.epoch() + 1, loss.reason());
    }

    void epochRetried(int epoch, int attempt, String reason) {
        if (progress != null) {
            progress.restart();
        }
        String first = reason == null ? "" : reason.lines().findFirst().orElse("");
        printf("epoch %d failed; running it again from its starting parameters (attempt %d of %d): %s%n",
                epoch + 1, attempt, io.fashionspark.train.EpochLoop.MAX_ATTEMPTS, first);
    }

    void diverged(io.fashionspark.train.DivergenceException e, Location folder, int epochsDone, RunConfig config) {
        printf("%s%n", e.getMessage());
        if (epochsDone > 0) {
            printf("the last good checkpoint is after epoch %d in %s; to continue with a lower learning rate:%n"
                            + "  train --resume %s --allow-config-change --learning-rate %s%n", epochsDone, folder, folder,
                    config.optimizer().learningRate() / 10);
        }
    }

    void result(TrainingResult result, Location folder) {
        printf("test accuracy %.4f on %,d images (loss %.4f, evaluated in %.2fs)%n", result.test().accuracy(),
                result.test().examples(), result.test().loss(), result.testSeconds());
        evaluation(result.test());
        predictions(result.samples());
        printf("parameters sha256 %s (the same data, settings, seed and worker count give the same)%n",
                ParameterDigest.sha256(result.network()));
        printf("run folder: %s%n", folder);
    }

    void evaluation(EvaluationReport report) {
        printf("%-12s %9s %9s %9s %8s%n", "class", "precision", "recall", "f1", "support");
        for (ClassMetrics c : report.perClass()) {
            printf("%-12s %9.4f %9.4f %9.4f %8d%n", c.name(), c.precision(), c.recall(), c.f1(), c.support());
        }
        printf("confusion matrix (rows: true class, columns: predicted 0-%d)%n", report.classNames().size() - 1);
        long[][] m = report.confusionMatrix();
        for (int i = 0; i < m.length; i++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s", report.classNames().get(i)));
            for (long c : m[i]) {
                line.append(String.format(Locale.ROOT, " %5d", c));
            }
            printf("%s%n", line);
        }
    }

    void predictions(List<Prediction> samples) {
        printf("predictions for the first %d test images:%n", samples.size());
        for (Prediction p : samples) {
            printf("  #%-3d predicted %d %-12s (p=%.3f)  true %d %-12s %s%n", p.index(), p.predictedLabel(),
                    p.predictedName(), p.probability(), p.trueLabel(), p.trueName(), p.correct() ? "ok" : "WRONG");
        }
        out.flush();
    }

    private void printf(String format, Object... args) {
        synchronized (out) {
            if (progress != null) {
                progress.clear();
            }
            out.printf(Locale.ROOT, format, args);
            out.flush();
        }
    }
}
