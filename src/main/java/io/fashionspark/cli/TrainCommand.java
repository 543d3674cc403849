package io.fashionspark.cli;

import io.fashionspark.config.ConfigLoader;
import io.fashionspark.config.OptimizerConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.config.TrainConfig;
import io.fashionspark.model.NetworkFactory;
import io.fashionspark.run.RunFolder;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}: validates configuration and data, then trains with Spark, evaluates on the test
 * set and writes the run folder; or continues a run folder ({@code --resume}). Every input is
 * checked before the Spark session starts.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the MLP with Spark parameter averaging, evaluate it on the test set, write a run folder.")
final class TrainCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    SharedOptions shared;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run folder to create (must not exist). Default: runs/<timestamp>. " + PathHelp.HELP)
    String out;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not under spark-submit. Default: spark-submit's, else local[*].")
    String master;

    @Option(names = "--epochs", description = "Epochs (train.epochs).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Minibatch size per worker (train.batch.size).")
    Integer batchSize;

    @Option(names = "--averaging-frequency", paramLabel = "N|auto",
            description = "Minibatches between parameter averagings, or auto (train.averaging.frequency).")
    String averagingFrequency;

    @Option(names = "--workers", description = "Training partitions; 0 = Spark's default parallelism (train.workers).")
    Integer workers;

    @Option(names = "--seed", description = "Seed of weights, dropout and splits (train.seed).")
    Long seed;

    @Option(names = "--learning-rate", description = "Base learning rate (optimizer.learning.rate).")
    Double learningRate;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the run in RUN_DIR after its last complete epoch, with its configuration. "
                    + PathHelp.HELP)
    String resume;

    @Option(names = "--overwrite", description = "Replace an existing run folder given with --out.")
    boolean overwrite;

    @Option(names = "--allow-config-change",
            description = "With --resume: accept settings that differ from the run's (e.g. a lower learning rate).")
    boolean allowConfigChange;

    TrainCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        NetworkFactory.loadBackendInBackground();
        if (resume != null) {
            return resumeRun();
        }
        if (allowConfigChange) {
            throw new IllegalArgumentException("--allow-config-change: only with --resume");
        }
        RunConfig config = shared.resolve(context, flagSettings());
        Inputs inputs = Inputs.read(config, context);
        RunFolder folder = RunFolder.create(context.location(out != null ? out : defaultOut(), "--out"), overwrite);
        return new RunExecution(context, master, config, inputs).run(folder);
    }

    private int resumeRun() throws IOException {
        if (out != null || overwrite) {
            throw new IllegalArgumentException("--resume: continues RUN_DIR in place; --out and --overwrite do not apply");
        }
        RunFolder folder = RunFolder.open(context.location(resume, "--resume"));
        RunConfig stored = RunConfig.fromProperties(ConfigLoader.read(folder.file(RunFolder.CONFIG)));
        RunConfig config = shared.resolveOver(folder.file(RunFolder.CONFIG), flagSettings());
        if (!config.equals(stored) && !allowConfigChange) {
            throw new IllegalArgumentException("--resume: the settings differ from the run's ("
                    + ConfigDiff.describe(stored, config) + "); add --allow-config-change to accept them");
        }
        if (folder.isComplete()) {
            context.out().println("Run " + folder.path() + " is already complete (" + stored.train().epochs()
                    + " epochs, test report written); nothing to do.");
            return 0;
        }
        Inputs inputs = Inputs.read(config, context);
        return new RunExecution(context, master, config, inputs).resume(folder, stored);
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

    private static String defaultOut() {
        return "runs/" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
