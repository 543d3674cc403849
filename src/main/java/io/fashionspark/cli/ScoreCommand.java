package io.fashionspark.cli;

import io.fashionspark.files.JsonFiles;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.ModelStore;
import io.fashionspark.run.BuildInfo;
import io.fashionspark.files.FileTree;
import io.fashionspark.score.FitMode;
import io.fashionspark.score.FolderScorer;
import io.fashionspark.score.InvertMode;
import io.fashionspark.score.PrepareOptions;
import io.fashionspark.score.ScoreFormat;
import io.fashionspark.score.ScoreManifest;
import io.fashionspark.score.ScoreRequest;
import io.fashionspark.score.ScoreSummary;
import io.fashionspark.score.StagedFolder;
import io.fashionspark.spark.SparkSessionFactory;
import java.io.IOException;
import io.fashionspark.files.Location;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code score}: a saved model's prediction for every image file under a folder, one row per file,
 * written atomically as CSV, Parquet or JSON with a {@code _manifest.json} naming the model.
 * Options, paths and the model are checked and the input is listed on the driver before Spark
 * starts; images are decoded and scored on the executors (see {@link FolderScorer}). A handful of
 * local files ({@link FolderScorer#inProcess}) are scored in this process without starting Spark,
 * by the same code. Exit 0 when at least one file
 * was scored, 1 when none was (nothing is written then), 2 for bad arguments.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score every image file under a folder with a saved model: PNG, JPEG, BMP or GIF, any size,"
                + " grey or colour. One row per file: path, label, class_name, probability, top2/top3 labels and"
                + " probabilities, width, height, inverted, error (null when scored).",
            "Writes the output folder atomically: the data files and _manifest.json (model, SHA-256, counts)."})
final class ScoreCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "model.zip written by train. " + PathHelp.HELP)
    String model;

    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "Folder of images, listed recursively (names starting with . or _ are skipped). "
                    + PathHelp.HELP)
    String input;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Output folder to create; must not exist. " + PathHelp.HELP)
    String output;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|parquet|json",
            description = "csv: one file with a header; parquet, json: one part file per partition (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--invert", defaultValue = "auto", paramLabel = "auto|always|never",
            description = "Invert grey levels to get light-on-black as in Fashion-MNIST; auto: when the image's border"
                    + " is light (default: ${DEFAULT-VALUE}).")
    String invert;

    @Option(names = "--fit", defaultValue = "trim", paramLabel = "trim|pad|stretch",
            description = {"How an image that is not 28x28 becomes 28x28 (28x28 images are taken as they are):",
                "trim: as Fashion-MNIST was made from product photos: cut the margins, fit the longest edge, centre,"
                    + " background to black; pad: the whole image, margins included, centred on a square;"
                    + " stretch: each side to 28 (default: ${DEFAULT-VALUE})."})
    String fit;

    @Option(names = "--sharpen", description = "Sharpen the 28x28 input (an unsharp mask), as Fashion-MNIST's conversion did.")
    boolean sharpen;

    @Option(names = "--glob", paramLabel = "PATTERN", description = "Only files whose name matches, e.g. '*.png' (default: every file).")
    String glob;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master when not under spark-submit.")
    String master;

    @Mixin
    VerboseOption verbosity;

    /** What the banner and the manifest name as master when no Spark job ran. */
    static final String IN_PROCESS = "none (" + FolderScorer.IN_PROCESS_MAX + " files or fewer, all local: scored in"
            + " this process)";

    ScoreCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        verbosity.apply();
        ScoreRequest request = new ScoreRequest(context.location(input, "--input"), context.location(output, "--output"),
                ScoreFormat.parse(format),
                new PrepareOptions(InvertMode.parse(invert), FitMode.parse(fit), sharpen), glob);
        request.checkFiles();
        Location modelLocation = context.location(model, "--model");
        Classifier classifier = ModelStore.load(modelLocation);
        ScoreManifest.ModelFile modelFile = ScoreManifest.ModelFile.of(modelLocation);
        List<FileTree.Entry> listed = FolderScorer.list(request);
        StagedFolder folder = StagedFolder.start(request.output(), "--output");
        SparkSession spark = null;
        try {
            String sparkMaster = SparkSessionFactory.masterFor(master);
            if (FolderScorer.inProcess(request, listed.size(), sparkMaster)) {
                // A handful of local files: scoring them takes less than starting Spark would.
                return scoreAndCommit(null, classifier, request, listed, modelFile, folder);
            }
            spark = SparkSessionFactory.create(master, "fashion-spark score", SharedOptions.uiOnLoopback(context));
            return scoreAndCommit(spark, classifier, request, listed, modelFile, folder);
        } catch (IOException | RuntimeException e) {
            folder.abandon();
            throw e;
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
    }

    /**
     * Runs the scoring job (in this process when {@code spark} is null) into the work folder, then
     * commits it, or abandons it when nothing was scored.
     */
    private int scoreAndCommit(SparkSession spark, Classifier classifier, ScoreRequest request,
                               List<FileTree.Entry> listed, ScoreManifest.ModelFile modelFile, StagedFolder folder)
            throws IOException {
        String sparkMaster = spark == null ? IN_PROCESS : spark.sparkContext().master();
        PrepareOptions prepare = request.prepare();
        printf("fashion-spark score: model %s (sha256 %.12s), input %s, invert %s, fit %s%s, master %s%n", model,
                modelFile.sha256(), request.input(), prepare.invert().label(), prepare.fit().label(),
                prepare.sharpen() ? " sharpened" : "", sparkMaster);
        ScoreProgress progress = null;
        if (spark != null && EpochProgress.interactive(context.env(), System.console() != null)) {
            progress = new ScoreProgress(context.out());
            spark.sparkContext().addSparkListener(progress);
        }
        long start = System.nanoTime();
        ScoreSummary summary;
        try {
            summary = spark == null
                    ? FolderScorer.scoreInProcess(classifier, request, listed, folder.work())
                    : FolderScorer.score(spark, classifier, request, listed, folder.work());
        } finally {
            if (progress != null) {
                progress.finish();
                spark.sparkContext().removeSparkListener(progress);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        printSummary(summary, seconds);
        if (summary.scored() == 0) {
            folder.abandon();
            context.err().println("score: failed: no file could be scored (" + nothingScored(summary)
                    + "); nothing was written");
            context.err().flush();
            return ErrorHandler.FAILURE;
        }
        JsonFiles.write(folder.work().resolve(ScoreManifest.FILE_NAME),
                manifest(modelFile, request, summary, seconds, sparkMaster));
        printf("output: %s (%s, %s)%n", folder.commit(), request.format().label(), ScoreManifest.FILE_NAME);
        return 0;
    }

    private void printSummary(ScoreSummary summary, double seconds) {
        printf("scored %,d, failed %,d of %,d files in %.2fs (%.0f files/s)%n", summary.scored(), summary.failed(),
                summary.files(), seconds, summary.files() / Math.max(seconds, 1e-9));
        for (String error : summary.sampleErrors()) {
            printf("  e.g. %s%n", error);
        }
    }

    private String nothingScored(ScoreSummary summary) {
        if (summary.files() == 0) {
            return "no file under " + input + (glob == null ? "" : " matches " + glob);
        }
        return "all " + summary.files() + " files failed, e.g. " + summary.sampleErrors().get(0);
    }

    private static ScoreManifest manifest(ScoreManifest.ModelFile modelFile, ScoreRequest request, ScoreSummary summary,
                                          double seconds, String master) {
        BuildInfo build = BuildInfo.current();
        return new ScoreManifest(modelFile, request.input().toString(), request.glob(),
                request.format().label(), request.prepare().invert().label(), request.prepare().fit().label(),
                request.prepare().sharpen(), summary.files(), summary.scored(), summary.failed(),
                seconds, master, build.projectVersion(), build.gitCommit(), build.sparkRuntime(), build.dl4jVersion(),
                Instant.now().toString());
    }

    private void printf(String format, Object... args) {
        context.out().printf(Locale.ROOT, format, args);
        context.out().flush();
    }
}
