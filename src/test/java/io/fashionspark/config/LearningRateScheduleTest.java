package io.fashionspark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The epoch-indexed learning rate of {@link RunConfig#learningRateAt(int)}. */
class LearningRateScheduleTest {

    @Test
    void defaultScheduleFallsLinearlyFromBaseRateOverTwentyEpochs() {
        assertEquals(20, RunConfig.DEFAULTS.train().epochs());
        for (int e = 0; e < 20; e++) {
            double expected = 0.01 * (20 - e) / 20;
            assertEquals(expected, RunConfig.DEFAULTS.learningRateAt(e), 1e-15, "epoch " + e);
        }
    }

    @Test
    void defaultScheduleStartsAtBaseRateAndStaysPositiveInLastEpoch() {
        assertEquals(0.01, RunConfig.DEFAULTS.learningRateAt(0), 1e-15);
        assertTrue(RunConfig.DEFAULTS.learningRateAt(19) > 0);
    }

    @Test
    void linearScheduleFollowsConfiguredRateAndEpochs() {
        RunConfig c = withOptimizer(new OptimizerConfig(0.3, OptimizerConfig.Schedule.LINEAR, 0.9, 0.999, 1e-8), 6);
        for (int e = 0; e < 6; e++) {
            assertEquals(0.3 * (6 - e) / 6, c.learningRateAt(e), 1e-15, "epoch " + e);
        }
    }

    @Test
    void constantScheduleKeepsTheBaseRateEveryEpoch() {
        RunConfig c = withOptimizer(new OptimizerConfig(0.02, OptimizerConfig.Schedule.CONSTANT, 0.9, 0.999, 1e-8), 20);
        for (int e = 0; e < 20; e++) {
            assertEquals(0.02, c.learningRateAt(e), 0.0, "epoch " + e);
        }
    }

    private static RunConfig withOptimizer(OptimizerConfig optimizer, int epochs) {
        TrainConfig t = TrainConfig.DEFAULTS;
        return new RunConfig(DataConfig.DEFAULTS, ModelConfig.DEFAULTS, optimizer,
                new TrainConfig(epochs, t.batchSize(), t.averagingFrequency(), t.workers(), t.seed()));
    }
}
