package io.fashionspark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.data.NdArrays;
import io.fashionspark.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Round results travel as blocks ({@link BlockResult}): put by tasks, averaged on the driver into
 * the same floats as ND4J's {@code addi} and {@code divi} over the arrays, and removed afterwards.
 */
class BlockResultTest {
    private static final int PARAMS = 20_011;
    private static final int STATE = 2 * PARAMS;

    private static float[] floats(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] f = new float[n];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) random.nextGaussian();
        }
        return f;
    }

    private static ParameterAveragingTrainingResult result(int seed) {
        return new ParameterAveragingTrainingResult(Nd4j.create(floats(seed, PARAMS)),
                Nd4j.create(floats(100 + seed, STATE)), seed * 0.5, null, null, null);
    }

    /** Three tasks each put the result of one seed; the driver gets them in partition order. */
    private static List<ParameterAveragingTrainingResult> putByTasks() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        return sc.parallelize(List.of(1, 2, 3), 3).map(seed -> BlockResult.put(result(seed), 1L)).collect();
    }

    private static float[] nd4jMean(boolean state) {
        INDArray sum = null;
        for (int seed = 1; seed <= 3; seed++) {
            ParameterAveragingTrainingResult r = result(seed);
            INDArray a = state ? r.getUpdaterState() : r.getParameters();
            sum = sum == null ? a : sum.addi(a);
        }
        sum.divi(3);
        float[] out = new float[(int) sum.length()];
        NdArrays.read(sum, out, out.length);
        return out;
    }

    private static boolean gone(BlockManager blocks, BlockId id) throws InterruptedException {
        // The master asks the block managers to remove a block without waiting for them, and they
        // tell the master afterwards.
        for (int i = 0; i < 200 && !removed(blocks, id); i++) {
            Thread.sleep(25);
        }
        return removed(blocks, id);
    }

    private static boolean removed(BlockManager blocks, BlockId id) {
        return !FloatBlocks.held(id) && blocks.master().getLocations(id).isEmpty();
    }

    @Test
    void blocksAverageToNd4jsMeanBitForBitAndAreRemoved() throws Exception {
        List<ParameterAveragingTrainingResult> results = putByTasks();
        BlockManager blocks = SparkEnv.get().blockManager();
        for (ParameterAveragingTrainingResult r : results) {
            BlockResult b = assertInstanceOf(BlockResult.class, r);
            assertEquals(PARAMS, b.parameterCount());
            assertEquals(STATE, b.stateCount());
            assertTrue(FloatBlocks.held(b.blockId()), "the task's block is in the block manager");
            assertEquals(null, b.getParameters(), "the arrays stay in the block");
        }
        RoundSums sums = new RoundSums(PARAMS, STATE);
        OptionalDouble score = sums.average(results);
        assertEquals(1.0, score.orElseThrow(), 0.0, "mean of the scores 0.5, 1, 1.5");
        assertArrayEquals(nd4jMean(false), sums.params);
        assertArrayEquals(nd4jMean(true), sums.state);
        for (ParameterAveragingTrainingResult r : results) {
            assertTrue(gone(blocks, ((BlockResult) r).blockId()), "block removed after the round");
        }
    }

    @Test
    void resultsThatCarryTheirArraysAverageTheSame() throws Exception {
        RoundSums sums = new RoundSums(PARAMS, STATE);
        ParameterAveragingTrainingResult none = new ParameterAveragingTrainingResult(null, null, 0.0, null, null, null);
        OptionalDouble score = sums.average(List.of(result(1), none, result(2), result(3)));
        assertEquals(1.0, score.orElseThrow(), 0.0, "a worker without minibatches is left out");
        assertArrayEquals(nd4jMean(false), sums.params);
        assertArrayEquals(nd4jMean(true), sums.state);
        assertTrue(sums.average(List.of(none)).isEmpty());
    }

    @Test
    void aLaterRoundOfARunRemovesTheBlocksItsEarlierRoundsLeftOnThatExecutor() throws Exception {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        BlockManager blocks = SparkEnv.get().blockManager();
        // Three rounds (jobs) of many small tasks, nobody reading the first two: as after failed rounds.
        // One executor (local mode): whichever threads run the later round, it finds every leftover.
        List<BlockId> failed = putByRound(sc, 7L);
        List<BlockId> otherRun = putByRound(sc, 8L);
        List<BlockId> next = putByRound(sc, 7L);
        for (BlockId id : failed) {
            assertTrue(gone(blocks, id), id + ": a later round of its run ran on this executor");
        }
        for (BlockId id : otherRun) {
            assertTrue(FloatBlocks.held(id), id + " belongs to another run");
            blocks.removeBlock(id, true);
        }
        for (BlockId id : next) {
            assertTrue(FloatBlocks.held(id), id + " is this round's");
            blocks.removeBlock(id, true);
        }
    }

    private static List<BlockId> putByRound(JavaSparkContext sc, long runKey) {
        List<Integer> seeds = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            seeds.add(i);
        }
        return sc.parallelize(seeds, seeds.size()).map(seed -> {
            ParameterAveragingTrainingResult r = new ParameterAveragingTrainingResult(Nd4j.create(floats(seed, 10)),
                    null, 0.0, null, null, null);
            return ((BlockResult) BlockResult.put(r, runKey)).blockId();
        }).collect();
    }

    @Test
    void aLostBlockFailsTheRoundAsASparkFailureAndTheOthersAreStillRemoved() throws Exception {
        List<ParameterAveragingTrainingResult> results = putByTasks();
        BlockManager blocks = SparkEnv.get().blockManager();
        BlockId lost = ((BlockResult) results.get(1)).blockId();
        blocks.removeBlock(lost, true);
        RoundSums sums = new RoundSums(PARAMS, STATE);
        SparkException e = assertThrows(SparkException.class, () -> sums.average(results));
        assertTrue(e.getMessage().contains("was lost with its executor"), e.getMessage());
        for (ParameterAveragingTrainingResult r : results) {
            assertTrue(gone(blocks, ((BlockResult) r).blockId()));
        }
    }
}
