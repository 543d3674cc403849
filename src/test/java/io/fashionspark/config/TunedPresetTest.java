package io.fashionspark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fashionspark.model.NetworkFactory;
import io.fashionspark.testing.LocalFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** conf/tuned.properties changes the optimizer only: same network, same data, same distribution. */
class TunedPresetTest {
    private static final Path TUNED = Path.of("conf", "tuned.properties");

    @Test
    void tunedPresetKeepsTheRecipesNetworkAndLowersOnlyTheLearningRate() throws Exception {
        RunConfig tuned = ConfigLoader.load(Optional.of(LocalFiles.of(TUNED)), Map.of(), Map.of());

        assertEquals(576_810, NetworkFactory.parameterCount(tuned));
        assertEquals(RunConfig.DEFAULTS.model(), tuned.model());
        assertEquals(RunConfig.DEFAULTS.data(), tuned.data());
        assertEquals(RunConfig.DEFAULTS.train(), tuned.train());
        assertEquals(0.001, tuned.optimizer().learningRate(), 0.0);
        assertEquals(RunConfig.DEFAULTS.optimizer().schedule(), tuned.optimizer().schedule());
        Properties file = ConfigLoader.read(LocalFiles.of(TUNED));
        assertEquals(Set.of("optimizer.learning.rate"), file.stringPropertyNames());
    }

    @Test
    void flagsStillWinOverThePreset() throws Exception {
        RunConfig tuned = ConfigLoader.load(Optional.of(LocalFiles.of(TUNED)), Map.of("train.epochs", "50"), Map.of());

        assertEquals(50, tuned.train().epochs());
        assertEquals(0.001 * 49 / 50, tuned.learningRateAt(1), 1e-15);
    }
}
