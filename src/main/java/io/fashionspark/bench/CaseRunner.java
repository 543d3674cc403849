package io.fashionspark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fashionspark.config.ConfigLoader;
import io.fashionspark.config.RunConfig;
import io.fashionspark.config.TrainConfig;
import io.fashionspark.data.DatasetFiles;
import io.fashionspark.data.EpochSplitter;
import io.fashionspark.data.IdxReader;
import io.fashionspark.data.ImageRow;
import io.fashionspark.data.ImageTable;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.data.SharedImages;
import io.fashionspark.eval.DistributedEvaluator;
import io.fashionspark.files.Locations;
import io.fashionspark.model.Classifier;
import io.fashionspark.spark.SparkSessionFactory;
import io.fashionspark.train.EpochMetrics;
import io.fashionspark.train.RunObserver;
import io.fashionspark.train.TrainingResult;
import io.fashionspark.train.TrainingRun;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one benchmark case in this JVM and writes its measurements as a JSON object to a file:
 * the bench command starts one JVM per case, so start-up time and peak memory are the case's own.
 *
 * <p>Usage: {@code CaseRunner KIND RESULT_FILE DATA_DIR EPOCHS [MASTER FREQUENCY]} with KIND
 * {@code gemm} (matrix-multiply probe), {@code floor} (single-process DL4J loop) or
 * {@code spark} (the trainer on MASTER, averaging every FREQUENCY minibatches). Under a
 * spark:// master the driver runs here and the executors report their own peak memory.
 */
public final class CaseRunner {
    /** Timed repeats of each evaluation; the median is reported. */
    static final int EVAL_REPEATS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseRunner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: CaseRunner gemm|floor|spark RESULT_FILE DATA_DIR EPOCHS [MASTER FREQUENCY]");
            System.exit(2);
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("kind", args[0]);
        switch (args[0]) {
            case "gemm" -> gemm(result);
            case "floor" -> floor(result, Path.of(args[2]), Integer.parseInt(args[3]));
            case "spark" -> spark(result, Path.of(args[2]), Integer.parseInt(args[3]), args[4], Integer.parseInt(args[5]));
            default -> {
                System.err.println("CaseRunner: unknown kind " + args[0]);
                System.exit(2);
            }
        }
        result.put("peak_rss_bytes", result.has("peak_rss_bytes") ? result.get("peak_rss_bytes").asLong()
                : JvmCosts.peakResidentBytes());
        Path out = Path.of(args[1]);
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.exit(0);
    }

    private static void gemm(ObjectNode result) {
        result.put("gflops_2048", GemmProbe.gflops(2048, 2048, 2048, 5));
        result.put("gflops_128x784x512", GemmProbe.gflops(128, 784, 512, 5));
    }

    private static RunConfig config(int epochs, int frequency) throws java.io.IOException {
        return ConfigLoader.load(Optional.empty(), Map.of("train.epochs", Integer.toString(epochs),
                TrainConfig.AVERAGING_FREQUENCY, TrainConfig.averagingFrequencyValue(frequency)), Map.of());
    }

    private static LabeledImages[] read(Path dir) throws Exception {
        DatasetFiles f = DatasetFiles.locate(new Locations(new Configuration()).local(dir));
        int classes = RunConfig.DEFAULTS.data().classes();
        return new LabeledImages[] {IdxReader.read(f.trainImages(), f.trainLabels(), classes),
            IdxReader.read(f.testImages(), f.testLabels(), classes)};
    }

    /** Seconds from this JVM's start until now. */
    private static double sinceJvmStart() {
        return (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
    }

    private static void floor(ObjectNode result, Path dir, int epochs) throws Exception {
        LabeledImages[] data = read(dir);
        RunConfig config = config(epochs, 1);
        FloorLoop loop = new FloorLoop(config, data[0]);
        FloorLoop.Result r = loop.run(epochs);
        result.put("start_to_first_epoch_s",
                (r.firstEpochStartMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3);
        putEpochs(result, r.epochSeconds(), 0);
        result.put("train_rows", data[0].count() - config.data().validationCount(data[0].count()));
        Classifier model = Classifier.of(r.network(), config.data().classNames());
        List<ImageRow> validation = loop.validationRows(0);
        double[] val = new double[EVAL_REPEATS];
        double[] test = new double[EVAL_REPEATS];
        for (int i = 0; i < EVAL_REPEATS; i++) {
            val[i] = timed(() -> DistributedEvaluator.evaluateLocally(model, validation.iterator()));
            test[i] = timed(() -> DistributedEvaluator.evaluateLocally(model, rows(data[1]).iterator()));
        }
        result.put("validation_images_per_s", validation.size() / median(val));
        result.put("test_images_per_s", data[1].count() / median(test));
        result.put("validation_accuracy_last_epoch", r.lastValidationAccuracy());
        result.put("ops_per_iteration", r.profile().opsPerIteration());
        result.put("buffers_per_iteration", r.profile().buffersPerIteration());
        result.put("native_allocations_per_iteration", r.profile().nativeAllocationsPerIteration());
        result.put("openblas_coretype", System.getenv().getOrDefault("OPENBLAS_CORETYPE", ""));
    }

    private static void spark(ObjectNode result, Path dir, int epochs, String master, int frequency) throws Exception {
        LabeledImages[] data = read(dir);
        RunConfig config = config(epochs, frequency);
        SparkSession spark = SparkSessionFactory.create(master.equals("submit") ? null : master, "fashion-spark bench",
                false);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<EpochMetrics> seen = new ArrayList<>();
        double[] firstEpochStart = {Double.NaN};
        long[][] socketBytes = new long[2][];
        long[][] driverJvm = new long[2][];
        RoundTimer timer = new RoundTimer();
        spark.sparkContext().addSparkListener(timer);
        boolean local = spark.sparkContext().master().startsWith("local");
        if (local) {
            NativeAllocations.install();
        }
        NativeAllocations.Count[] allocations = new NativeAllocations.Count[2];
        TrainingResult run = TrainingRun.execute(spark, config, data[0], data[1], new RunObserver() {
            @Override
            public void epochDone(EpochMetrics m) {
                if (seen.isEmpty()) {
                    firstEpochStart[0] = sinceJvmStart() - m.seconds();
                }
                // The driver's TCP counters, compilers and collectors, and the native allocations, after
                // the first (warm-up) epoch and after the last.
                int slot = seen.isEmpty() ? 0 : 1;
                socketBytes[slot] = SocketBytes.ofThisProcess();
                driverJvm[slot] = JvmCosts.ofThisJvm();
                allocations[slot] = NativeAllocations.now();
                seen.add(m);
            }
        });
        result.put("master", spark.sparkContext().master());
        result.put("workers", run.workers());
        // What the run used: the case's frequency, or what auto chose for the run's worker count.
        result.put("averaging_frequency", seen.get(seen.size() - 1).averagingFrequency());
        result.put("start_to_first_epoch_s", firstEpochStart[0]);
        putEpochs(result, seen.stream().mapToDouble(EpochMetrics::seconds).toArray(),
                median(seen.stream().skip(1).mapToDouble(EpochMetrics::fitSeconds).toArray()));
        result.put("validation_accuracy_last_epoch", seen.get(seen.size() - 1).valAccuracy());
        result.put("train_rows", seen.get(0).trainRows());
        putRounds(result, timer.rounds(), seen.size());
        if (local) {
            putNativeAllocations(result, allocations, seen.size() - 1, result.get("rounds_per_epoch").asInt());
        }
        putDriverTraffic(result, socketBytes, seen.size() - 1);
        result.put("test_accuracy", run.test().accuracy());

        SharedImages images = SharedImages.broadcast(sc, data[0]);
        EpochSplitter splitter = new EpochSplitter(images, config.data().validationCount(data[0].count()),
                run.workers());
        JavaRDD<ImageRow> testRows = ImageTable.imageRows(sc, data[1], run.workers()).cache();
        testRows.count();
        JavaRDD<ImageRow> validation = splitter.split(config.train().seed(), 0).validation().cache();
        long validationCount = validation.count();
        double[] val = new double[EVAL_REPEATS];
        double[] test = new double[EVAL_REPEATS];
        for (int i = 0; i < EVAL_REPEATS; i++) {
            val[i] = timed(() -> DistributedEvaluator.evaluateRows(sc, run.model(), validation));
            test[i] = timed(() -> DistributedEvaluator.evaluateRows(sc, run.model(), testRows));
        }
        result.put("validation_images_per_s", validationCount / median(val));
        result.put("test_images_per_s", data[1].count() / median(test));
        result.put("test_eval_s", median(test));
        Map<String, long[]> costs = JvmCosts.ofExecutors(sc);
        long[] driverCosts = JvmCosts.ofThisJvm();
        ObjectNode executors = result.putObject("executor_peak_rss_bytes");
        costs.forEach((id, c) -> executors.put(id, c[JvmCosts.PEAK_RSS]));
        long driver = driverCosts[JvmCosts.PEAK_RSS];
        result.put("driver_peak_rss_bytes", driver);
        result.put("peak_rss_bytes", local ? driver
                : driver + costs.entrySet().stream().filter(e -> !e.getKey().equals("driver"))
                        .mapToLong(e -> e.getValue()[JvmCosts.PEAK_RSS]).sum());
        ObjectNode jvms = result.putObject("jvm_seconds");
        putJvmSeconds(jvms.putObject("driver"), driverCosts);
        costs.forEach((id, c) -> {
            if (!id.equals("driver")) {
                putJvmSeconds(jvms.putObject(id), c);
            }
        });
        if (driverJvm[0] != null && driverJvm[1] != null) {
            ObjectNode timed = result.putObject("driver_jvm_seconds_after_first_epoch");
            timed.put("jit", (driverJvm[1][JvmCosts.JIT_MS] - driverJvm[0][JvmCosts.JIT_MS]) / 1e3);
            timed.put("gc", (driverJvm[1][JvmCosts.GC_MS] - driverJvm[0][JvmCosts.GC_MS]) / 1e3);
        }
        splitter.release();
        images.release();
        spark.stop();
    }

    /** A JVM's seconds spent compiling ("jit") and in its collectors' pauses ("gc") since it started. */
    private static void putJvmSeconds(ObjectNode node, long[] costs) {
        node.put("jit", costs[JvmCosts.JIT_MS] / 1e3);
        node.put("gc", costs[JvmCosts.GC_MS] / 1e3);
    }

    /**
     * Bytes through the driver's TCP connections per epoch after the first (each epoch's rounds and
     * its validation), from the counters read after the first epoch and after the last.
     */
    private static void putDriverTraffic(ObjectNode result, long[][] socketBytes, int epochs) {
        if (socketBytes[0] == null || socketBytes[1] == null || epochs < 1) {
            return;
        }
        ObjectNode t = result.putObject("driver_socket_bytes_per_epoch");
        t.put("sent", (socketBytes[1][0] - socketBytes[0][0]) / epochs);
        t.put("received", (socketBytes[1][1] - socketBytes[0][1]) / epochs);
    }

    /**
     * Fresh native allocations ({@link NativeAllocations}) of the epochs after the first: per epoch
     * in all, and per averaging round those made inside the rounds. Local masters only: on a
     * cluster the executors' JVMs allocate out of sight.
     */
    private static void putNativeAllocations(ObjectNode result, NativeAllocations.Count[] counts, int epochs,
                                             int roundsPerEpoch) {
        if (counts[0] == null || counts[1] == null || epochs < 1 || roundsPerEpoch < 1) {
            return;
        }
        NativeAllocations.Count c = counts[1].minus(counts[0]);
        ObjectNode n = result.putObject("native_allocations_after_first_epoch");
        n.put("per_epoch", c.fresh() / (double) epochs);
        n.put("bytes_per_epoch", c.freshBytes() / (double) epochs);
        n.put("in_rounds_per_round", c.freshInRounds() / (double) (epochs * roundsPerEpoch));
        n.put("workspace_buffers_per_epoch", c.workspaceBuffers() / (double) epochs);
    }

    /**
     * Medians of the round parts ({@link RoundTimer}) and of a round's result bytes over the rounds
     * after the first epoch's.
     */
    private static void putRounds(ObjectNode result, List<RoundTimer.Round> rounds, int epochs) {
        int perEpoch = rounds.size() / Math.max(1, epochs);
        result.put("rounds_per_epoch", perEpoch);
        List<RoundTimer.Round> warm = rounds.subList(Math.min(perEpoch, rounds.size()), rounds.size());
        ObjectNode ms = result.putObject("round_ms");
        ms.put("driver", median(warm, RoundTimer.Round::driver));
        ms.put("scheduling", median(warm, RoundTimer.Round::scheduling));
        ms.put("task_fast", median(warm, RoundTimer.Round::taskFast));
        ms.put("task_slow", median(warm, RoundTimer.Round::taskSlow));
        ms.put("results", median(warm, RoundTimer.Round::results));
        result.put("round_result_bytes", median(warm, r -> (double) r.resultBytes()));
    }

    /** The median of one part over {@code rounds}, leaving out rounds without it (NaN). */
    private static double median(List<RoundTimer.Round> rounds, java.util.function.ToDoubleFunction<RoundTimer.Round> part) {
        return median(rounds.stream().mapToDouble(part).filter(d -> !Double.isNaN(d)).toArray());
    }

    private static List<ImageRow> rows(LabeledImages images) {
        List<ImageRow> rows = new ArrayList<>(images.count());
        for (int i = 0; i < images.count(); i++) {
            rows.add(images.row(i));
        }
        return rows;
    }

    private static void putEpochs(ObjectNode result, double[] seconds, double fitMedian) {
        var list = result.putArray("epoch_seconds");
        Arrays.stream(seconds).forEach(list::add);
        result.put("median_epoch_s", median(Arrays.copyOfRange(seconds, Math.min(1, seconds.length - 1), seconds.length)));
        if (fitMedian > 0) {
            result.put("median_fit_s", fitMedian);
        }
    }

    private static double timed(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
