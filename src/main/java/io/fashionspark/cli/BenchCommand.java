package io.fashionspark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fashionspark.bench.BenchCase;
import io.fashionspark.bench.BenchRunner;
import io.fashionspark.bench.BenchTable;
import io.fashionspark.bench.ScalingModel;
import io.fashionspark.config.ConfigLoader;
import io.fashionspark.config.RunConfig;
import io.fashionspark.data.DatasetFiles;
import io.fashionspark.files.JsonFiles;
import io.fashionspark.model.NetworkFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: measures the trainer against this machine's limit. Each case runs in its own
 * JVM (see {@link BenchRunner}) on the real data for a few epochs; the table goes to standard
 * output and every figure to a JSON file. Run it on an otherwise idle machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark: matrix-multiply GFLOP/s, the single-process floor, Spark local[1], local[N] at several "
                + "averaging frequencies and optionally a standalone cluster; prints a table and writes JSON.")
final class BenchCommand implements Callable<Integer> {
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

    @Mixin
    VerboseOption verbosity;

    BenchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        verbosity.apply();
        Path data = dataDir != null ? dataDir : envDataDir();
        DatasetFiles.locate(context.locations().local(data));
        if (epochs < 2) {
            throw new IllegalArgumentException("--epochs: expected at least 2 (the first epoch is warm-up), found " + epochs);
        }
        if (clusterMaster != null && !clusterMaster.startsWith("spark://")) {
            throw new IllegalArgumentException("--cluster-master: expected a spark:// URL, found " + clusterMaster);
        }
        Path out = json != null ? json : Path.of("runs", "bench-" + STAMP.format(Instant.now()) + ".json");
        if (Files.exists(out)) {
            throw new IllegalArgumentException("--json: " + out + " already exists; choose another file");
        }
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
        List<ObjectNode> results = new ArrayList<>();
        for (BenchCase c : plan) {
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
        ScalingModel model = scaling(results, parameters, trainRows, defaults, n);
        if (model != null) {
            ObjectNode s = doc.putObject("scaling_model");
            s.put("round_overhead_s", model.roundOverheadSeconds());
            s.put("worker_examples_per_s", model.workerExamplesPerSecond());
            s.put("bytes_per_worker_per_direction", model.bytesPerWorkerPerDirection());
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
        return new ScalingModel(parameters, batch, defaults.train().averagingFrequency(), trainRows / floor,
                Math.max(0, overhead), ScalingModel.TEN_GBE, trainRows);
    }

    private Path envDataDir() {
        String dir = context.env().get(ConfigLoader.DATA_DIR_ENV);
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("--data-dir: required (or set " + ConfigLoader.DATA_DIR_ENV + ")");
        }
        return Path.of(dir.trim());
    }
}
