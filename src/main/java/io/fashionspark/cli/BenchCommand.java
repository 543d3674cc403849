package io.fashionspark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fashionspark.bench.BenchCase;
import io.fashionspark.bench.BenchRunner;
import io.fashionspark.bench.BenchTable;
import io.fashionspark.bench.PhotoAccuracy;
import io.fashionspark.bench.PhotoFigure;
import io.fashionspark.bench.PhotoSets;
import io.fashionspark.bench.PhotoStyle;
import io.fashionspark.bench.PyTorchCase;
import io.fashionspark.bench.ScalingModel;
import io.fashionspark.bench.ScoringBench;
import io.fashionspark.config.ConfigLoader;
import io.fashionspark.config.RunConfig;
import io.fashionspark.data.DatasetFiles;
import io.fashionspark.data.IdxReader;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.files.Location;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.ModelStore;
import io.fashionspark.model.NetworkFactory;
import io.fashionspark.score.ScoreManifest;
import io.fashionspark.spark.SparkSessionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: measures the trainer against this machine's limit. Each case runs in its own
 * JVM (see {@link BenchRunner}) on the real data for a few epochs; the table goes to standard
 * output and every figure to a JSON file. Run it on an otherwise idle machine.
 *
 * <p>With {@code --photos} it measures scoring instead: it makes photo-like sets from the test
 * images ({@link PhotoSets}, kept in {@code --photo-dir} for later runs) and scores them with each
 * preparation on a local Spark session in this JVM ({@link PhotoAccuracy}). {@code --photo-figure}
 * writes the documentation's figure of the preparations.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark: matrix-multiply GFLOP/s, the single-process floor, Spark local[1], local[N] at several "
                + "averaging frequencies, optionally a standalone cluster, and the recipe in PyTorch when python3 (or"
                + " $FASHION_SPARK_PYTHON) can import torch; prints a table and writes JSON.",
            "With --photos: a model's accuracy on photo-like sets made from the test images, scored with --fit pad,"
                + " trim, trim --sharpen and stretch, next to its accuracy on the test images."})
final class BenchCommand implements Callable<Integer> {
    /** Environment variable naming the Python of the {@code pytorch} case (default {@code python3}). */
    static final String PYTHON_ENV = "FASHION_SPARK_PYTHON";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final CliContext context;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder with the four IDX files (default: $FASHION_MNIST_DIR).")
    Path dataDir;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "6",
            description = "Epochs per training case; the first is reported apart (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--json", paramLabel = "FILE", description = "Result file to create (default: runs/bench-<UTC time>.json).")
    Path json;

    @Option(names = "--cases", paramLabel = "NAME", split = ",",
            description = "Only these cases (names as in the table, e.g. floor,local[2]).")
    List<String> only;

    @Option(names = "--cores", paramLabel = "N", description = "Cores to use for local[N] and the all-core GEMM (default: all).")
    Integer cores;

    @Option(names = "--cluster-master", paramLabel = "URL", description = "Also run the default case on this spark:// master.")
    String clusterMaster;

    @Option(names = "--spark-home", paramLabel = "DIR", description = "Spark home with jars/ for the cluster case.")
    Path sparkHome;

    @Option(names = "--app-jar", paramLabel = "JAR", description = "Application jar submitted for the cluster case.")
    Path appJar;

    @Option(names = "--spark-properties", paramLabel = "FILE", description = "spark-submit properties file for the cluster case.")
    Path sparkProperties;

    @Option(names = "--photos", description = "Measure scoring accuracy on photo-like sets instead of training speed.")
    boolean photos;

    @Option(names = "--model", paramLabel = "FILE", description = "With --photos: model.zip to score with. " + PathHelp.HELP)
    String model;

    @Option(names = "--photo-count", paramLabel = "N", defaultValue = "" + PhotoSets.DEFAULT_COUNT,
            description = "With --photos: photos per set, made from the first N test images (default: ${DEFAULT-VALUE}).")
    int photoCount;

    @Option(names = "--photo-seed", paramLabel = "N", defaultValue = "" + PhotoSets.DEFAULT_SEED,
            description = "With --photos or --photo-figure: seed of the photos' random sizes, margins and colours"
                    + " (default: ${DEFAULT-VALUE}).")
    long photoSeed;

    @Option(names = "--photo-dir", paramLabel = "DIR", defaultValue = "runs/photo-sets",
            description = "With --photos: folder of the photo sets; sets already there are reused when they were made"
                    + " with the same seed, count and images (default: ${DEFAULT-VALUE}).")
    Path photoDir;

    @Option(names = "--photo-figure", paramLabel = "FILE",
            description = "Write a PNG figure of drawn items as photos and their pad and trim inputs, then stop"
                    + " (unless --photos is given too).")
    Path photoFigure;

    @Option(names = "--scoring", paramLabel = "DIR",
            description = "Measure scoring speed on a folder of images instead: the single-thread floor (no Spark)"
                    + " against the score job on local[N], with --model. " + PathHelp.HELP)
    String scoring;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3",
            description = "With --scoring: measured passes of each case after a warm-up pass (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Mixin
    VerboseOption verbosity;

    BenchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        verbosity.apply();
        if (scoring != null) {
            return scoringBench();
        }
        if (photos || photoFigure != null) {
            return photoBench();
        }
        if (model != null) {
            throw new IllegalArgumentException("--model: only used with --photos or --scoring");
        }
        Path data = dataDir != null ? dataDir : envDataDir();
        DatasetFiles.locate(context.locations().local(data));
        if (epochs < 2) {
            throw new IllegalArgumentException("--epochs: expected at least 2 (the first epoch is warm-up), found " + epochs);
        }
        if (clusterMaster != null && !clusterMaster.startsWith("spark://")) {
            throw new IllegalArgumentException("--cluster-master: expected a spark:// URL, found " + clusterMaster);
        }
        Path out = resultFile("bench-");
        int n = cores != null ? cores : Runtime.getRuntime().availableProcessors();
        RunConfig defaults = RunConfig.DEFAULTS;
        List<BenchCase> plan = BenchCase.plan(n, defaults.train().averagingFrequency(), clusterMaster);
        if (only != null) {
            List<String> names = plan.stream().map(BenchCase::name).toList();
            for (String name : only) {
                if (!names.contains(name)) {
                    throw new IllegalArgumentException("--cases: unknown case " + name + "; expected one of " + names);
                }
            }
            plan = plan.stream().filter(c -> only.contains(c.name())).toList();
        }
        Path work = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "") + "-cases");
        Files.createDirectories(work);
        BenchRunner runner = new BenchRunner(data.toAbsolutePath(), epochs, work, sparkHome, appJar, sparkProperties);
        String python = context.env().getOrDefault(PYTHON_ENV, BenchRunner.PYTHON);
        runner.withPython(python);
        List<ObjectNode> results = new ArrayList<>();
        ObjectNode skipped = new ObjectMapper().createObjectNode();
        for (BenchCase c : plan) {
            if (c.kind().equals(PyTorchCase.NAME)) {
                Optional<String> why = PyTorchCase.unavailable(python);
                if (why.isPresent()) {
                    context.err().printf(Locale.ROOT, "bench: %s skipped: %s%n", c.name(), why.get());
                    context.err().flush();
                    skipped.put(c.name(), why.get());
                    continue;
                }
            }
            context.err().printf(Locale.ROOT, "bench: %s ...%n", c.name());
            context.err().flush();
            ObjectNode r = runner.run(c);
            context.err().printf(Locale.ROOT, "bench: %s done in %.0f s%n", c.name(), r.path("wall_s").asDouble());
            context.err().flush();
            results.add(r);
        }
        long parameters = NetworkFactory.parameterCount(defaults);
        long trainRows = results.stream().filter(c -> c.has("train_rows")).mapToLong(c -> c.get("train_rows").asLong())
                .findFirst().orElse(0);
        BenchTable.derive(results, parameters);
        ObjectNode doc = new ObjectMapper().createObjectNode();
        doc.put("created", Instant.now().toString());
        doc.put("cores", n);
        doc.put("epochs_per_case", epochs);
        doc.put("parameters", parameters);
        doc.put("train_rows_per_epoch", trainRows);
        doc.put("data_dir", data.toAbsolutePath().toString());
        ArrayNode list = doc.putArray("cases");
        results.forEach(list::add);
        doc.set("skipped", skipped);
        ScalingModel model = scaling(results, parameters, trainRows, defaults, n);
        if (model != null) {
            ObjectNode s = doc.putObject("scaling_model");
            s.put("round_overhead_s", model.roundOverheadSeconds());
            s.put("worker_examples_per_s", model.workerExamplesPerSecond());
            s.put("bytes_per_worker_per_direction", model.bytesPerWorkerPerDirection());
            s.put("driver_bytes_per_worker_round", model.driverBytesPerWorkerRound());
            s.set("prediction", model.toJson());
        }
        JsonFiles.write(context.locations().local(out), doc);
        context.out().print(BenchTable.format(results));
        if (model != null) {
            context.out().print(model.format());
        }
        context.out().printf(Locale.ROOT, "results: %s (case logs in %s)%n", out, work);
        context.out().flush();
        return 0;
    }

    /** The cost model from the floor and the local sweep, or null when the run lacks either. */
    private static ScalingModel scaling(List<ObjectNode> results, long parameters, long trainRows, RunConfig defaults,
                                        int cores) {
        double floor = BenchTable.floorEpochSeconds(results);
        int batch = defaults.train().batchSize();
        double overhead = ScalingModel.roundOverhead(results, "local[" + cores + "]", trainRows, batch);
        if (!Double.isFinite(floor) || !Double.isFinite(overhead)) {
            return null;
        }
        return new ScalingModel(parameters, batch, defaults.train(), trainRows / floor,
                Math.max(0, overhead), ScalingModel.TEN_GBE, trainRows, driverBytes(results, parameters));
    }

    /**
     * Bytes through the driver per worker and averaging round, both directions, as the cluster case
     * measured them (the driver's TCP counters per epoch, over its rounds and workers; they include the
     * epoch's validation); assumed when the bench ran no cluster case.
     */
    static double driverBytes(List<ObjectNode> results, long parameters) {
        for (ObjectNode c : results) {
            JsonNode bytes = c.path("driver_socket_bytes_per_epoch");
            if ("cluster".equals(c.path("case").asText()) && bytes.isObject() && c.path("rounds_per_epoch").asInt() > 0
                    && c.path("workers").asInt() > 0) {
                return (bytes.path("sent").asDouble() + bytes.path("received").asDouble())
                        / c.path("rounds_per_epoch").asInt() / c.path("workers").asInt();
            }
        }
        return ScalingModel.assumedDriverBytesPerWorkerRound(parameters);
    }

    /** {@code --photo-figure} and {@code --photos}. */
    private int photoBench() throws Exception {
        if (photoFigure != null) {
            PhotoFigure.write(context.locations().local(photoFigure), photoSeed);
            context.out().println("figure: " + photoFigure);
            context.out().flush();
        }
        if (!photos) {
            return 0;
        }
        Path out = checkPhotoArguments();
        Location modelFile = context.location(model, "--model");
        Classifier classifier = ModelStore.load(modelFile);
        DatasetFiles files = DatasetFiles.locate(context.locations().local(dataDir != null ? dataDir : envDataDir()));
        LabeledImages test = IdxReader.read(files.testImages(), files.testLabels(), classifier.classes());
        List<String> sets = writePhotoSets(test);
        int n = cores != null ? cores : Runtime.getRuntime().availableProcessors();
        SparkSession spark = SparkSessionFactory.create("local[" + n + "]", "fashion-spark bench --photos",
                SharedOptions.uiOnLoopback(context));
        try {
            Location work = context.locations().local(out.resolveSibling(
                    out.getFileName().toString().replaceFirst("\\.json$", "") + "-scores"));
            PhotoAccuracy.Result result = PhotoAccuracy.measure(spark, classifier,
                    context.locations().local(photoDir), sets, test, photoCount, work);
            ObjectNode doc = result.toJson();
            doc.put("created", Instant.now().toString());
            doc.put("master", spark.sparkContext().master());
            doc.set("model", JsonFiles.tree(ScoreManifest.ModelFile.of(modelFile)));
            doc.put("photo_dir", photoDir.toAbsolutePath().toString());
            doc.put("photo_count", photoCount);
            doc.put("photo_seed", photoSeed);
            doc.put("scores", work.toString());
            JsonFiles.write(context.locations().local(out), doc);
            context.out().print(result.format());
            context.out().printf(Locale.ROOT, "results: %s (scores in %s)%n", out, work);
            context.out().flush();
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** {@code --scoring}: the floor and the score job on one folder, in this JVM. */
    private int scoringBench() throws Exception {
        if (model == null) {
            throw new IllegalArgumentException("--model: required with --scoring");
        }
        if (photos || only != null || clusterMaster != null) {
            throw new IllegalArgumentException("--scoring: not combined with --photos, --cases or --cluster-master");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats: expected at least 1, found " + repeats);
        }
        Path out = resultFile("bench-scoring-");
        Location input = context.location(scoring, "--scoring");
        if (!input.isDirectory()) {
            throw new IllegalArgumentException("--scoring: expected a folder of images, found " + scoring);
        }
        Location modelFile = context.location(model, "--model");
        Classifier classifier = ModelStore.load(modelFile);
        int n = cores != null ? cores : Runtime.getRuntime().availableProcessors();
        SparkSession spark = SparkSessionFactory.create("local[" + n + "]", "fashion-spark bench --scoring",
                SharedOptions.uiOnLoopback(context));
        try {
            Path work = Files.createTempDirectory("fashion-spark-bench-scoring");
            ScoringBench.Result result = ScoringBench.measure(spark, classifier, input, work, repeats);
            ObjectNode doc = result.toJson();
            doc.put("created", Instant.now().toString());
            doc.put("master", spark.sparkContext().master());
            doc.set("model", JsonFiles.tree(ScoreManifest.ModelFile.of(modelFile)));
            JsonFiles.write(context.locations().local(out), doc);
            context.out().print(result.format());
            context.out().printf(Locale.ROOT, "results: %s%n", out);
            context.out().flush();
            context.locations().local(work).delete();
            return 0;
        } finally {
            spark.stop();
        }
    }

    /**
     * The result file to create: {@code --json}, or {@code runs/<prefix><UTC time>.json}.
     *
     * @throws IllegalArgumentException naming {@code --json} when the file exists
     */
    private Path resultFile(String prefix) {
        Path out = json != null ? json : Path.of("runs", prefix + STAMP.format(Instant.now()) + ".json");
        if (Files.exists(out)) {
            throw new IllegalArgumentException("--json: " + out + " already exists; choose another file");
        }
        return out;
    }

    /** Refuses what {@code --photos} cannot use; returns the result file to create. */
    private Path checkPhotoArguments() {
        if (model == null) {
            throw new IllegalArgumentException("--model: required with --photos");
        }
        if (only != null || clusterMaster != null) {
            throw new IllegalArgumentException("--photos: not combined with --cases or --cluster-master");
        }
        if (photoCount < 1) {
            throw new IllegalArgumentException("--photo-count: expected at least 1, found " + photoCount);
        }
        Path out = resultFile("bench-photos-");
        return out;
    }

    /** Makes the photo sets that {@code --photo-dir} lacks; returns the set names. */
    private List<String> writePhotoSets(LabeledImages test) throws java.io.IOException {
        context.err().printf(Locale.ROOT, "bench: photo sets of %,d images in %s ...%n", photoCount, photoDir);
        context.err().flush();
        long t0 = System.nanoTime();
        List<PhotoSets.Outcome> outcomes = PhotoSets.write(test, photoCount, photoSeed, PhotoStyle.standard(), photoDir);
        for (PhotoSets.Outcome o : outcomes) {
            context.err().printf(Locale.ROOT, "bench: %-16s %s (%s)%n", o.style().name(), o.reused() ? "reused" : "made",
                    o.style().describe());
        }
        context.err().printf(Locale.ROOT, "bench: photo sets ready in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        context.err().flush();
        return outcomes.stream().map(o -> o.style().name()).toList();
    }

    private Path envDataDir() {
        String dir = context.env().get(ConfigLoader.DATA_DIR_ENV);
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("--data-dir: required (or set " + ConfigLoader.DATA_DIR_ENV + ")");
        }
        return Path.of(dir.trim());
    }
}
