package io.fashionspark.run;

import io.fashionspark.config.RunConfig;
import io.fashionspark.data.DatasetFiles;
import io.fashionspark.model.ModelStore;
import io.fashionspark.train.EpochMetrics;
import io.fashionspark.train.ExecutorLoss;
import io.fashionspark.train.RunObserver;
import io.fashionspark.train.StartPoint;
import io.fashionspark.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A training run's hold on its run folder, on the driver. It takes the folder's lock, writes the
 * configuration first, says where training starts (a fresh network, or the newest checkpoint of
 * a run being resumed), records each finished epoch (its checkpoint is complete before
 * {@code metrics.jsonl} names it) and writes the final outputs. Closing releases the lock; a run
 * that did not finish keeps its checkpoints so it can be resumed, and one that failed before its
 * first checkpoint in a folder it created leaves nothing behind.
 */
public final class RunSession implements AutoCloseable {
    private final RunFolder folder;
    private final RunConfig config;
    private final RunLock lock;
    private final Checkpoints checkpoints;
    private final RunWriter writer;
    private StartPoint start;
    private boolean finished;

    private RunSession(RunFolder folder, RunConfig config) throws IOException {
        this.folder = folder;
        this.config = config;
        this.lock = RunLock.acquire(folder.path());
        this.checkpoints = new Checkpoints(folder.path(), config.train().checkpointsKept());
        folder.removeLeftovers();
        this.writer = new RunWriter(folder);
    }

    /**
     * Starts a new run in {@code folder} with {@code config}: locks it and writes the configuration.
     *
     * @throws java.nio.file.FileAlreadyExistsException when another live process holds the folder
     */
    public static RunSession begin(RunFolder folder, RunConfig config) throws IOException {
        return open(folder, config, false);
    }

    /**
     * Continues the run in {@code folder} after its newest checkpoint (from scratch if it has none),
     * with {@code config} (the stored one, or an allowed change of it, which is written as the run's).
     *
     * @throws java.nio.file.FileAlreadyExistsException when another live process holds the folder
     * @throws IllegalArgumentException when the checkpoint's architecture differs from {@code config}'s
     */
    public static RunSession resume(RunFolder folder, RunConfig config) throws IOException {
        return open(folder, config, true);
    }

    private static RunSession open(RunFolder folder, RunConfig config, boolean resume) throws IOException {
        RunSession session = new RunSession(folder, config);
        try {
            Optional<Checkpoints.Checkpoint> latest = resume ? session.checkpoints.latest() : Optional.empty();
            session.start = latest.isEmpty() ? StartPoint.fresh(config)
                    : StartPoint.resume(config, ModelStore.loadForTraining(latest.get().model()).network(),
                            latest.get().metrics());
            session.writer.writeConfig(config);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The run folder. */
    public RunFolder folder() {
        return folder;
    }

    /** Where training starts: the network and the epochs already done. */
    public StartPoint start() {
        return start;
    }

    /** Epochs the newest checkpoint holds; 0 when there is none. */
    public int checkpointedEpochs() throws IOException {
        return checkpoints.latest().map(Checkpoints.Checkpoint::epochsDone).orElse(0);
    }

    /**
     * An observer that checkpoints each finished epoch, then rewrites {@code metrics.jsonl}, then
     * tells {@code display}; every other report goes to {@code display} alone.
     */
    public RunObserver recorder(RunObserver display) {
        List<EpochMetrics> all = new ArrayList<>(start.done());
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
                    checkpoints.write(network, config.data().classNames(), all);
                    writer.writeMetrics(all);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                display.epochDone(m);
            }

            @Override
            public void executorLost(ExecutorLoss loss) {
                display.executorLost(loss);
            }

            @Override
            public void epochRetried(int epoch, int attempt, String reason) {
                display.epochRetried(epoch, attempt, reason);
            }
        };
    }

    /** Writes model.zip, test-report.json and provenance.json: the run is complete. */
    public void finish(SparkSession spark, DatasetFiles files, TrainingResult result) throws IOException {
        new RunOutputs(writer, folder).write(spark, config, files, result);
        finished = true;
    }

    /** Releases the lock; removes the folder of a new run that failed before its first checkpoint. */
    @Override
    public void close() throws IOException {
        lock.close();
        if (!finished && folder.created() && checkpoints.latest().isEmpty()) {
            folder.delete();
        }
    }
}
