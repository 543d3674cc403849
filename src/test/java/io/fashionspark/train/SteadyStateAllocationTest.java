package io.fashionspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.bench.NativeAllocations;
import io.fashionspark.config.DataConfig;
import io.fashionspark.config.ModelConfig;
import io.fashionspark.config.OptimizerConfig;
import io.fashionspark.config.RunConfig;
import io.fashionspark.config.TrainConfig;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.testing.SparkTestSession;
import io.fashionspark.testing.SyntheticFashion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training on Spark allocates no fresh native memory in its averaging rounds once the first epoch
 * has built the workers' kept networks: not in the tasks (fitting, taking the round's start,
 * writing the result) and not in the driver's part of a round.
 */
class SteadyStateAllocationTest {
    @Test
    void roundsAfterTheFirstEpochAllocateNoFreshNativeMemory() {
        LabeledImages train = SyntheticFashion.generate(600, 41);
        LabeledImages test = SyntheticFashion.generate(100, 42);
        RunConfig config = new RunConfig(DataConfig.DEFAULTS, new ModelConfig(List.of(64, 32), 0.2, 2, 1e-4),
                new OptimizerConfig(0.002, OptimizerConfig.Schedule.LINEAR, 0.9, 0.999, 1e-8),
                new TrainConfig(3, 32, 3, 2, 9));
        NativeAllocations.install();
        NativeAllocations.Count start = NativeAllocations.now();
        List<NativeAllocations.Count> afterEpoch = new ArrayList<>();
        TrainingRun.execute(SparkTestSession.get(), config, train, test, m -> afterEpoch.add(NativeAllocations.now()));
        assertEquals(3, afterEpoch.size());

        NativeAllocations.Count first = afterEpoch.get(0).minus(start);
        assertTrue(first.freshInRounds() > 0, "the first round builds each worker's network: " + first);
        NativeAllocations.Count later = afterEpoch.get(2).minus(afterEpoch.get(0));
        assertEquals(0, later.freshInRounds(), "epochs 2 and 3: " + later);
        assertTrue(later.workspaceBuffers() > 0, "the rounds fitted: " + later);
    }
}
