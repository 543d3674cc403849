package io.fashionspark.cli;

import io.fashionspark.config.RunConfig;
import io.fashionspark.data.ImageTable;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.eval.DistributedEvaluator;
import io.fashionspark.eval.EvaluationReport;
import io.fashionspark.eval.Predictor;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.ModelStore;
import io.fashionspark.report.ImageGrid;
import io.fashionspark.report.ReportContent;
import io.fashionspark.report.RunReport;
import io.fashionspark.run.RunWriter;
import io.fashionspark.run.TestReport;
import io.fashionspark.spark.SparkSessionFactory;
import io.fashionspark.train.TrainingRun;
import io.fashionspark.files.Location;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate}: a saved model on the test files, as a distributed map-reduce. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a saved model on the test IDX files with Spark: accuracy, per-class metrics, confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    SharedOptions shared;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "model.zip written by train. " + PathHelp.HELP)
    String model;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write the report as JSON here, and as an HTML page with PNG charts beside it"
                    + " (atomically). " + PathHelp.HELP)
    String report;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master when not under spark-submit.")
    String master;

    EvaluateCommand(CliContext context) {
        this.context = context;
    }

    /** The HTML page beside a JSON report: the same name with .html. */
    static Location htmlBeside(Location json) {
        String name = json.name();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return json.parent().resolve(stem + ".html");
    }

    private static ReportContent evaluationContent(EvaluationReport result, RunConfig config, Location model,
                                                   Classifier classifier, LabeledImages test) {
        return new ReportContent("Evaluation of " + model.name(), RunWriter.sorted(config.toProperties()),
                List.of(), result, model.toString(), null, ImageGrid.of(classifier, test, ImageGrid.SIZE), null);
    }

    @Override
    public Integer call() throws Exception {
        RunConfig config = shared.resolve(context, Map.of());
        Location modelFile = context.location(model, "--model");
        Location reportFile = report == null ? null : context.location(report, "--report");
        Classifier classifier = ModelStore.load(modelFile);
        LabeledImages test = DataInputs.readTestSet(context, config.data(), classifier.classes());
        SparkSession spark = SparkSessionFactory.create(master, "fashion-spark evaluate",
                SharedOptions.uiOnLoopback(context));
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            long start = System.nanoTime();
            EvaluationReport result = DistributedEvaluator.evaluateRows(sc, classifier,
                    ImageTable.imageRows(sc, test, sc.defaultParallelism()));
            double seconds = (System.nanoTime() - start) / 1e9;
            ConsoleReport console = new ConsoleReport(context.out());
            context.out().printf(java.util.Locale.ROOT, "model %s: test accuracy %.4f on %,d images (loss %.4f, %.2fs)%n",
                    model, result.accuracy(), result.examples(), result.loss(), seconds);
            console.evaluation(result);
            if (reportFile != null) {
                JsonFiles.write(reportFile, TestReport.of(result,
                        Predictor.predictFirst(classifier, test, TrainingRun.SAMPLE_PREDICTIONS), modelFile.toString()));
                Location page = RunReport.write(evaluationContent(result, config, modelFile, classifier, test),
                        htmlBeside(reportFile));
                context.out().println("report: " + reportFile + ", " + page);
            }
            return 0;
        } finally {
            spark.stop();
        }
    }
}
