package io.fashionspark.cli;

import io.fashionspark.config.OptimizerConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.config.TrainConfig;
import io.fashionspark.data.DatasetFiles;
import io.fashionspark.data.IdxReader;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.report.RunFolder;
import io.fashionspark.report.RunOutputs;
import io.fashionspark.report.RunWriter;
import io.fashionspark.train.EpochMetrics;
import io.fashionspark.train.ExecutorLoss;
import io.fashionspark.train.RunObserver;
import io.fashionspark.train.SparkSessionFactory;
import io.fashionspark.train.TrainingResult;
import io.fashionspark.train.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}: validates configuration and data, then trains with Spark, evaluates on the test
 * set and writes the run folder. Every input is checked before the Spark session starts.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the MLP with Spark parameter averaging, evaluate it on the test set, write a run folder.")
final class TrainCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    SharedOptions shared;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder to create (must not exist). Default: runs/<timestamp>.")
    Path out;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not under spark-submit. Default: spark-submit's, else local[*].")
    String master;

    @Option(names = "--epochs", description = "Epochs (train.epochs).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Minibatch size per worker (train.batch.size).")
    Integer batchSize;

    @Option(names = "--averaging-frequency", description = "Minibatches between parameter averagings (train.averaging.frequency).")
    Integer averagingFrequency;

    @Option(names = "--workers", description = "Training partitions; 0 = Spark's default parallelism (train.workers).")
    Integer workers;

    @Option(names = "--seed", description = "Seed of weights, dropout and splits (train.seed).")
    Long seed;

    @Option(names = "--learning-rate", description = "Base learning rate (optimizer.learning.rate).")
    Double learningRate;

    TrainCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        RunConfig config = shared.resolve(context, flagSettings());
        DatasetFiles files = DataInputs.locateOrDownload(config.data(), context.out());
        LabeledImages train = IdxReader.read(files.trainImages(), files.trainLabels());
        LabeledImages test = IdxReader.read(files.testImages(), files.testLabels());
        RunFolder folder = RunFolder.start(out != null ? out : defaultOut());
        ConsoleReport console = new ConsoleReport(context.out());
        SparkSession spark = null;
        try {
            RunWriter writer = new RunWriter(folder);
            writer.writeConfig(config);
            spark = SparkSessionFactory.create(master, "fashion-spark train", SharedOptions.uiOnLoopback(context));
            console.banner(spark, config, files, train, test, folder);
            TrainingResult result = TrainingRun.execute(spark, config, train, test, new RunObserver() {
                @Override
                public void epochDone(EpochMetrics m) {
                    console.epoch(m, config.train().epochs());
                    append(writer, m);
                }

                @Override
                public void executorLost(ExecutorLoss loss) {
                    console.executorLost(loss);
                }

                @Override
                public void epochRetried(int epoch, int attempt, String reason) {
                    console.epochRetried(epoch, attempt, reason);
                }
            });
            new RunOutputs(writer, folder).write(spark, config, files, result);
            Path done = folder.commit();
            console.result(result, done);
            return 0;
        } catch (IOException | RuntimeException e) {
            folder.abandon();
            throw e;
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
    }

    private static void append(RunWriter writer, EpochMetrics m) {
        try {
            writer.appendEpoch(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> flagSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        putIf(s, TrainConfig.EPOCHS, epochs);
        putIf(s, TrainConfig.BATCH_SIZE, batchSize);
        putIf(s, TrainConfig.AVERAGING_FREQUENCY, averagingFrequency);
        putIf(s, TrainConfig.WORKERS, workers);
        putIf(s, TrainConfig.SEED, seed);
        putIf(s, OptimizerConfig.LEARNING_RATE, learningRate);
        return s;
    }

    private static void putIf(Map<String, String> s, String key, Object value) {
        if (value != null) {
            s.put(key, value.toString());
        }
    }

    private static Path defaultOut() {
        return Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
