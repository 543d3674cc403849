package io.fashionspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.config.RunConfig;
import io.fashionspark.data.EpochSplitter;
import io.fashionspark.data.ImageTable;
import io.fashionspark.model.NetworkFactory;
import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.TaskResultBlockId;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingHook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

/** An epoch whose Spark job fails is run again from its starting parameters; the run goes on. */
class EpochRetryTest {
    /** Task failures still to inject; read by tasks in this JVM (local mode). */
    static final AtomicInteger FAILURES_TO_INJECT = new AtomicInteger();

    private Dataset<Row> table;
    private ExecutorWatch watch;

    @AfterEach
    void release() {
        FAILURES_TO_INJECT.set(0);
        FailOnce.ARMED.set(0);
        if (table != null) {
            table.unpersist();
        }
        if (watch != null) {
            watch.detach(SparkTestSession.get().sparkContext());
        }
    }

    private static final class Recorder implements RunObserver {
        final List<EpochMetrics> epochs = new ArrayList<>();
        final List<Integer> retried = new ArrayList<>();
        final int failuresAfterFirstEpoch;
        /** Drops the splitter's cached rows, so the next epoch reads the (flaky) table again. */
        Runnable rereadTable = () -> { };

        Recorder(int failuresAfterFirstEpoch) {
            this.failuresAfterFirstEpoch = failuresAfterFirstEpoch;
        }

        @Override
        public void epochDone(EpochMetrics m) {
            epochs.add(m);
            if (m.epoch() == 0) {
                FAILURES_TO_INJECT.set(failuresAfterFirstEpoch);
                rereadTable.run();
            }
        }

        @Override
        public void epochRetried(int epoch, int attempt, String reason) {
            retried.add(epoch);
        }
    }

    private EpochLoop loop(RunObserver observer) {
        return loop(observer, List.of());
    }

    private EpochLoop loop(RunObserver observer, List<TrainingHook> hooks) {
        SparkSession spark = SparkTestSession.get();
        table = ImageTable.create(spark, SyntheticFashion.generate(600, 9), 2);
        // Every read of the table passes here; once the splitter's row cache is dropped, an armed
        // failure hits the next epoch's first job.
        Dataset<Row> flaky = table.map((MapFunction<Row, Row>) row -> {
            if (FAILURES_TO_INJECT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("injected task failure");
            }
            return row;
        }, Encoders.row(ImageTable.SCHEMA));
        RunConfig config = TrainingRunTest.CONFIG;
        MultiLayerNetwork net = NetworkFactory.create(config);
        SparkTrainer trainer = new SparkTrainer(spark.sparkContext(), net, config.train(), 2, hooks);
        watch = ExecutorWatch.attach(spark.sparkContext(), observer);
        EpochSplitter splitter = new EpochSplitter(flaky, 600, 100, 2);
        if (observer instanceof Recorder recorder) {
            recorder.rereadTable = splitter::release;
        }
        return new EpochLoop(config, splitter, trainer,
                JavaSparkContext.fromSparkContext(spark.sparkContext()), watch);
    }

    @Test
    void failedEpochIsRunAgainAndTheRunCompletes() {
        Recorder recorder = new Recorder(1);
        List<EpochMetrics> epochs = loop(recorder).run(0, recorder);
        assertEquals(2, epochs.size());
        assertEquals(List.of(1), recorder.retried);
        assertEquals(1, epochs.get(0).attempts());
        assertEquals(2, epochs.get(1).attempts());
        assertEquals(EpochSplitter.splitSeed(TrainingRunTest.CONFIG.train().seed(), 1), epochs.get(1).splitSeed());
        assertEquals(500, epochs.get(1).trainRows());
        assertTrue(epochs.get(1).valAccuracy() > 0.1, "the retried epoch trains and validates");
    }

    /** Fails the first minibatch a worker fits at one iteration of one epoch, once. */
    private static final class FailOnce implements TrainingHook {
        static final AtomicInteger ARMED = new AtomicInteger();
        private final int epoch;
        private final int iteration;

        FailOnce(int epoch, int iteration) {
            this.epoch = epoch;
            this.iteration = iteration;
        }

        @Override
        public void preUpdate(org.nd4j.linalg.dataset.api.DataSet minibatch, Model model) {
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            if (net.getEpochCount() == epoch && net.getIterationCount() == iteration && ARMED.getAndSet(0) > 0) {
                throw new IllegalStateException("injected failure at iteration " + iteration);
            }
        }

        @Override
        public void postUpdate(org.nd4j.linalg.dataset.api.DataSet minibatch, Model model) {
        }

        @Override
        public void preUpdate(MultiDataSet minibatch, Model model) {
        }

        @Override
        public void postUpdate(MultiDataSet minibatch, Model model) {
        }
    }

    @Test
    void anEpochRetriedAfterSomeRoundsEndsExactlyAsAnUninterruptedRun() {
        Recorder clean = new Recorder(0);
        List<EpochMetrics> uninterrupted = loop(clean).run(0, clean);
        release();
        // 500 training rows in 2 partitions of 250: 8 minibatches each, rounds of 5 and 3; epoch 1
        // starts at iteration 8, so iteration 13 is inside its second round, after the first round's
        // averaged parameters replaced the epoch's starting ones.
        FailOnce.ARMED.set(1);
        Recorder recorder = new Recorder(0);
        List<EpochMetrics> retried = loop(recorder, List.of(new FailOnce(1, 13))).run(0, recorder);
        assertEquals(0, FailOnce.ARMED.get(), "the failure was injected");
        assertEquals(List.of(1), recorder.retried);
        assertEquals(2, retried.get(1).attempts());
        assertEquals(uninterrupted.get(1).paramSha256(), retried.get(1).paramSha256(),
                "parameters after the retried epoch, bit for bit");
        assertEquals(uninterrupted.get(1).valLoss(), retried.get(1).valLoss(), 0.0);
        assertEquals(1, watch.records().stream().mapToLong(ExecutorRecord::failedTrainingTasks).sum(),
                "the failed training task is in the provenance: " + watch.records());
        assertEquals(List.of(), resultBlocksLeft(), "no round result block is left behind by the failed round");
    }

    /** Round result blocks in the block manager, once removals under way have landed (they are asynchronous). */
    private static List<BlockId> resultBlocksLeft() {
        BlockManager blocks = SparkEnv.get().blockManager();
        AbstractFunction1<BlockId, Object> isResult = new AbstractFunction1<>() {
            @Override
            public Object apply(BlockId id) {
                return id instanceof TaskResultBlockId;
            }
        };
        List<BlockId> left = List.of();
        for (int i = 0; i < 100; i++) {
            left = JavaConverters.seqAsJavaList(blocks.getMatchingBlockIds(isResult));
            if (left.isEmpty()) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return left;
    }

    @Test
    void runFailsOnceAnEpochHasFailedEveryAttempt() {
        Recorder recorder = new Recorder(1000);
        EpochLoop loop = loop(recorder);
        RuntimeException e = assertThrows(RuntimeException.class, () -> loop.run(0, recorder));
        assertTrue(String.valueOf(e.getMessage()).contains("injected task failure")
                || String.valueOf(e.getCause()).contains("injected task failure"), String.valueOf(e));
        assertEquals(List.of(1, 1), recorder.retried, "two retries, then it gives up");
    }
}
