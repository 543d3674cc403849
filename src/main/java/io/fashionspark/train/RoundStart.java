package io.fashionspark.train;

import java.io.Serial;
import java.io.Serializable;
import org.apache.spark.SparkException;
import org.apache.spark.storage.BroadcastBlockId;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a round's starting parameters and Adam state wait for the workers: a block of
 * little-endian floats ({@link FloatBlocks}) in the driver's block manager, named after the
 * epoch's broadcast of the configuration, with the step and epoch counters in this object. A
 * broadcast of the arrays and configuration every round is serialised by the driver each time,
 * and on a cluster fetched piece by piece, deserialised into fresh native arrays and copied again
 * by every executor; a block is written once and read as bytes, in local mode without a copy at
 * all, and the configuration's broadcast is fetched once per executor and epoch.
 *
 * <p>{@link #put} and {@link #remove} run on the driver; {@link #copyInto} in the workers' tasks.
 * The object itself travels with the tasks. A block lost with the driver's memory fails the task
 * with a {@link SparkException}, and the epoch is retried.
 */
final class RoundStart implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long broadcastId;
    private final long round;
    private final int params;
    private final int state;
    private final int iterationCount;
    private final int epochCount;

    private RoundStart(long broadcastId, long round, int params, int state, int iterationCount, int epochCount) {
        this.broadcastId = broadcastId;
        this.round = round;
        this.params = params;
        this.state = state;
        this.iterationCount = iterationCount;
        this.epochCount = epochCount;
    }

    /**
     * On the driver: puts {@code net}'s parameters and Adam state for its {@code round}-th round
     * under the name of broadcast {@code broadcastId} (the configuration's) and keeps its step and
     * epoch counters; null when the arrays are not contiguous floats or the block manager refuses
     * them (a broadcast must then carry the arrays).
     */
    static RoundStart put(long broadcastId, long round, MultiLayerNetwork net) {
        INDArray state = net.getUpdater().getStateViewArray();
        RoundStart start = new RoundStart(broadcastId, round, (int) net.numParams(),
                state == null ? 0 : (int) state.length(), net.getIterationCount(), net.getEpochCount());
        return FloatBlocks.put(start.blockId(), net.params(), state) ? start : null;
    }

    /** The block's id; its name must parse back ({@code BlockId.apply}), as a remote fetch sends names. */
    BroadcastBlockId blockId() {
        return new BroadcastBlockId(broadcastId, "round_start_" + round);
    }

    /** The network's step counter (Adam's) at the start of the round. */
    int iterationCount() {
        return iterationCount;
    }

    /** The network's epoch counter (the learning-rate schedule's) in the round. */
    int epochCount() {
        return epochCount;
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
     * In a task: copies the block's parameters into {@code params} and its Adam state into
     * {@code updaterState} (contiguous float arrays of the block's lengths; the state may be null
     * when the block has none).
     */
    void copyInto(INDArray params, INDArray updaterState) throws SparkException {
        long stateLength = updaterState == null ? 0 : updaterState.length();
        if (params.length() != this.params || (state > 0 && stateLength != state)) {
            throw new IllegalStateException("a round's block holds " + this.params + " parameters and " + state
                    + " Adam state values; the network has " + params.length() + " and " + stateLength);
        }
        try (FloatBlocks.Bytes bytes = FloatBlocks.read(blockId(),
                "the parameters of an averaging round are gone from the driver")) {
            bytes.copyTo(0, this.params, params);
            if (state > 0) {
                bytes.copyTo(this.params, state, updaterState);
            }
        }
    }

    /** On the driver: removes the block (idempotent). */
    void remove() {
        FloatBlocks.remove(blockId());
    }
}
