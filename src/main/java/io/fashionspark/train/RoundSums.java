package io.fashionspark.train;

import io.fashionspark.data.NdArrays;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.spark.SparkException;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The running sums of a round, on the driver, reused every round: the workers' parameters and
 * Adam states added in list (partition) order, then divided by their number, the same float
 * operations in the same order as ND4J's {@code addi} and {@code divi} over the results.
 */
final class RoundSums {
    private static final int CHUNK = 8192;
    final float[] params;
    final float[] state;
    boolean hasState;

    RoundSums(int params, int state) {
        this.params = new float[params];
        this.state = new float[state];
    }

    /** As {@link #average(List, Map)}, with no read started yet. */
    OptionalDouble average(List<ParameterAveragingTrainingResult> results) throws SparkException {
        return average(results, new IdentityHashMap<>());
    }

    /**
     * Averages the results that carry parameters into {@link #params} and {@link #state};
     * returns their mean score, or nothing when no worker had a minibatch. A result block
     * whose read {@code started} holds is not read again. Every result's block is removed and
     * every read closed, also when one of them is lost.
     */
    OptionalDouble average(List<ParameterAveragingTrainingResult> results,
                           Map<BlockResult, Future<FloatBlocks.Bytes>> started) throws SparkException {
        double score = 0;
        int n = 0;
        hasState = false;
        List<Future<FloatBlocks.Bytes>> reads = new ArrayList<>();
        try {
            for (ParameterAveragingTrainingResult r : results) {
                if (r instanceof BlockResult b) {
                    Future<FloatBlocks.Bytes> read = started.remove(b);
                    reads.add(read != null ? read : b.read());
                    requireLength(b.parameterCount(), b.stateCount());
                }
            }
            int next = 0;
            for (ParameterAveragingTrainingResult r : results) {
                if (r instanceof BlockResult b) {
                    try (FloatBlocks.Bytes bytes = await(reads.get(next++))) {
                        FloatBuffer floats = bytes.floats();
                        add(floats, params, b.parameterCount(), n == 0);
                        add(floats, state, b.stateCount(), n == 0);
                    }
                    hasState = b.stateCount() > 0;
                } else if (r.getParameters() != null) {
                    INDArray s = r.getUpdaterState();
                    requireLength(r.getParameters().length(), s == null ? 0 : s.length());
                    add(NdArrays.FloatView.of(r.getParameters()).buffer(params.length), params, params.length, n == 0);
                    if (s != null) {
                        add(NdArrays.FloatView.of(s).buffer(state.length), state, state.length, n == 0);
                    }
                    hasState = s != null;
                } else {
                    continue;
                }
                score += r.getScore();
                n++;
            }
        } finally {
            release(reads);
            release(new ArrayList<>(started.values()));
            for (ParameterAveragingTrainingResult r : results) {
                if (r instanceof BlockResult b) {
                    b.remove();
                } else {
                    // Deserialised copies: their native memory goes back now, not when the collector finds them.
                    closeIfPresent(r.getParameters());
                    closeIfPresent(r.getUpdaterState());
                }
            }
        }
        if (n == 0) {
            return OptionalDouble.empty();
        }
        divide(params, n);
        if (hasState) {
            divide(state, n);
        }
        return OptionalDouble.of(score / n);
    }

    private static FloatBlocks.Bytes await(Future<FloatBlocks.Bytes> read) throws SparkException {
        try {
            return read.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SparkException spark) {
                throw spark;
            }
            throw new SparkException("reading a round result failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SparkException("interrupted while reading the round results", e);
        }
    }

    /** Closes every read (those closed already stay closed): waits for fetches still running. */
    static void release(List<Future<FloatBlocks.Bytes>> reads) {
        for (Future<FloatBlocks.Bytes> read : reads) {
            try {
                FloatBlocks.Bytes bytes = read.get();
                bytes.close();
            } catch (ExecutionException e) {
                // Nothing was read: nothing to release.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void requireLength(long p, long s) {
        if (p != params.length || (s != 0 && s != state.length)) {
            throw new IllegalStateException("a worker returned " + p + " parameters and " + s
                    + " Adam state values, expected " + params.length + " and " + state.length);
        }
    }

    /** {@code sum[i] += next n floats of src} (or {@code =} when first), in chunks the JIT vectorises. */
    private static void add(FloatBuffer src, float[] sum, int n, boolean first) {
        if (first) {
            src.get(sum, 0, n);
            return;
        }
        float[] chunk = new float[Math.min(CHUNK, Math.max(n, 1))];
        for (int from = 0; from < n; from += chunk.length) {
            int m = Math.min(chunk.length, n - from);
            src.get(chunk, 0, m);
            for (int i = 0; i < m; i++) {
                sum[from + i] += chunk[i];
            }
        }
    }

    private static void closeIfPresent(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }

    private static void divide(float[] sum, int n) {
        float d = n;
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= d;
        }
    }
}
