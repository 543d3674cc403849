package io.fashionspark.train;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.TaskResultBlockId;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A worker's round result whose parameters and Adam state wait in its executor's block manager,
 * as little-endian floats under the task's id (where Spark keeps a task result too large to send
 * with the task's status), while the result itself carries only the score and that id. Spark then
 * serialises a few bytes with the task's status instead of copying 6.9 MB through Kryo, Java
 * serialisation and two buffers on the executor and two more on the driver.
 *
 * <p>{@link #put} runs in the task, on the executor. {@link #read} and {@link #remove} run on the
 * driver, and {@link RoundSums} adds up what is read: in local mode the very buffer the task wrote
 * (one block manager serves both); on a cluster the block fetched as Spark fetches any block (the
 * workers' blocks side by side, in a small pool of driver threads). A block lost with its executor
 * fails the round with a {@link SparkException}, which the epoch's retry handles. When a round's
 * job fails, the driver removes the blocks whose results reached it ({@link RoundCollect}); the
 * others (a task that ended after its job had failed) by the next task of a later round of the run
 * on the same executor.
 */
final class BlockResult extends ParameterAveragingTrainingResult {
    private static final long serialVersionUID = 1L;
    /**
     * The blocks tasks of this executor put, by the round that put them: the driver removes a
     * round's blocks after reading them, unless the round failed.
     */
    private static final Map<BlockId, Round> PUT = new ConcurrentHashMap<>();

    /** The round a block was put in: a training run's key and the round's stage. */
    private record Round(long runKey, int stage) {
    }

    private final long taskId;
    private final int params;
    private final int state;

    private BlockResult(ParameterAveragingTrainingResult result, long taskId, int params, int state) {
        super(null, null, result.getScore(), result.getSparkTrainingStats(), result.getListenerMetaData(),
                result.getListenerStaticInfo(), result.getListenerUpdates());
        this.taskId = taskId;
        this.params = params;
        this.state = state;
    }

    /**
     * On the executor, in a task of training run {@code runKey}: puts {@code result}'s parameters
     * and Adam state (contiguous floats) in the block manager and returns the result that refers to
     * them; {@code result} itself when it has no parameters or the block manager refuses the block.
     */
    static ParameterAveragingTrainingResult put(ParameterAveragingTrainingResult result, long runKey) {
        INDArray p = result.getParameters();
        INDArray s = result.getUpdaterState();
        TaskContext task = TaskContext.get();
        if (p == null || task == null) {
            return result;
        }
        Round round = new Round(runKey, task.stageId());
        removeLeftovers(round);
        TaskResultBlockId id = new TaskResultBlockId(task.taskAttemptId());
        if (!FloatBlocks.put(id, p, s)) {
            return result;
        }
        PUT.put(id, round);
        return new BlockResult(result, task.taskAttemptId(), (int) p.length(), s == null ? 0 : (int) s.length());
    }

    /**
     * Forgets the blocks of this executor that are gone, and removes those of earlier rounds of the
     * same run that are still there (a failed round's whose results did not reach the driver). A
     * run's rounds follow one another: once a task of a later round runs, the driver is done with the
     * blocks of earlier ones. Blocks of this round (other partitions) and of other runs are left to
     * their drivers. Tasks side by side may both find a block: only the one that takes it off the
     * list removes it.
     */
    private static void removeLeftovers(Round round) {
        for (Map.Entry<BlockId, Round> put : PUT.entrySet()) {
            BlockId id = put.getKey();
            Round of = put.getValue();
            if (!FloatBlocks.held(id)) {
                PUT.remove(id, of);
            } else if (of.runKey() == round.runKey() && of.stage() != round.stage() && PUT.remove(id, of)) {
                SparkEnv.get().blockManager().removeBlock(id, true);
            }
        }
    }

    /** The block's id (the task's). */
    BlockId blockId() {
        return new TaskResultBlockId(taskId);
    }

    /** Parameters in the block. */
    int parameterCount() {
        return params;
    }

    /** Adam state floats in the block (0 without). */
    int stateCount() {
        return state;
    }

    /**
     * On the driver: the block's bytes, from this JVM's block manager (local mode, no copy) or, on
     * a cluster, fetched from the executor's in a pool thread so that the workers' blocks travel
     * side by side. The caller closes what the future gives.
     */
    Future<FloatBlocks.Bytes> read() {
        return FloatBlocks.readAsync(blockId(), "the round result of task " + taskId + " was lost with its executor");
    }

    /** On the driver: removes the block wherever it is (idempotent). */
    void remove() {
        FloatBlocks.remove(blockId());
    }
}
