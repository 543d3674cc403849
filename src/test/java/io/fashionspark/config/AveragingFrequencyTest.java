package io.fashionspark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code train.averaging.frequency}: a number, or {@code auto} (the default), which follows the worker count. */
class AveragingFrequencyTest {
    private static TrainConfig load(String value) throws Exception {
        return ConfigLoader.load(Optional.empty(), Map.of(TrainConfig.AVERAGING_FREQUENCY, value), Map.of()).train();
    }

    @Test
    void autoIsTheDefaultAndSurvivesTheRoundTrip() throws Exception {
        RunConfig defaults = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());
        assertTrue(defaults.train().autoAveraging());
        assertEquals("auto", defaults.toProperties().getProperty(TrainConfig.AVERAGING_FREQUENCY));
        assertEquals(defaults, RunConfig.fromProperties(defaults.toProperties()));
        assertTrue(load(" AUTO ").autoAveraging());
    }

    @ParameterizedTest(name = "{0} workers average every {1} minibatches")
    @CsvSource({"2, 20", "3, 13", "4, 10", "5, 4", "8, 2", "10, 2", "16, 1", "20, 1", "64, 1"})
    void autoKeepsAtMostFortyMinibatchesPerRoundUpToFourWorkersAndTwentyBeyond(int workers, int frequency)
            throws Exception {
        TrainConfig auto = load("auto");
        assertEquals(frequency, auto.averagingFrequencyFor(workers, 500));
        int most = workers <= 4 ? 40 : 20;
        assertTrue(workers * frequency <= most || frequency == 1);
    }

    @Test
    void autoGivesOneWorkerOneRoundPerEpoch() throws Exception {
        assertEquals(391, load("auto").averagingFrequencyFor(1, 391));
        assertEquals(1, load("auto").averagingFrequencyFor(1, 0));
    }

    @Test
    void aNumberIsUsedWhateverTheWorkerCount() throws Exception {
        TrainConfig ten = load("10");
        assertFalse(ten.autoAveraging());
        for (int workers : new int[] {1, 2, 16}) {
            assertEquals(10, ten.averagingFrequencyFor(workers, 391));
        }
        assertEquals("10", new RunConfig(RunConfig.DEFAULTS.data(), RunConfig.DEFAULTS.model(),
                RunConfig.DEFAULTS.optimizer(), ten).toProperties().getProperty(TrainConfig.AVERAGING_FREQUENCY));
    }

    @ParameterizedTest(name = "{0} refused")
    @CsvSource({"0", "-1", "1000001", "often", "10.5"})
    void otherValuesAreRefusedNamingKeyAndAuto(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(value));
        assertTrue(e.getMessage().startsWith("train.averaging.frequency: expected an integer in [1, 1000000] or auto,"),
                e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }
}
