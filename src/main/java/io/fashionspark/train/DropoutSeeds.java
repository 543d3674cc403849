package io.fashionspark.train;

import java.io.Serial;
import org.apache.spark.TaskContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeds ND4J's random generator, which draws the dropout masks, before every minibatch a worker
 * fits: from the run's seed, the epoch, the network's iteration count (which numbers the
 * averaging round and the minibatch in it) and the partition (the worker). The same run thus
 * draws the same masks on any executor, in any order, on a task's second attempt and after a
 * resume. Runs on the executors, in the task's thread, as a DL4J training hook.
 */
public final class DropoutSeeds implements TrainingHook {
    @Serial
    private static final long serialVersionUID = 1L;
    private final long runSeed;

    public DropoutSeeds(long runSeed) {
        this.runSeed = runSeed;
    }

    /** The generator seed of the minibatch a worker of {@code partition} fits at {@code iteration} of {@code epoch}. */
    public static long seed(long runSeed, int epoch, long iteration, int partition) {
        long h = mix(runSeed ^ 0x6A09E667F3BCC909L);
        h = mix(h ^ epoch);
        h = mix(h ^ iteration);
        return mix(h ^ partition);
    }

    /** Seeds the calling thread's generator for {@code net}'s next minibatch as worker {@code partition}. */
    public void seedNext(MultiLayerNetwork net, int partition) {
        Nd4j.getRandom().setSeed(seed(runSeed, net.getEpochCount(), net.getIterationCount(), partition));
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        seedNext((MultiLayerNetwork) model, TaskContext.getPartitionId());
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        throw new UnsupportedOperationException("the trainer fits DataSets only");
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
    }

    /** SplitMix64's finaliser: a bijective mix of 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
