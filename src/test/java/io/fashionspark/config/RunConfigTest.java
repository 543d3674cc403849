package io.fashionspark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Properties round trip of the whole configuration. */
class RunConfigTest {
    /** Differs from the defaults in every single field, so a field dropped by the round trip shows. */
    static final RunConfig EVERY_FIELD_CHANGED = new RunConfig(
            new DataConfig("/tmp/elsewhere data", 0.25, URI.create("https://mirror.example.org/fm/"),
                    List.of("Ankle boot", "T-shirt/top", "bag")),
            new ModelConfig(List.of(300, 100), 0.35, 1, 5e-3),
            new OptimizerConfig(0.003, OptimizerConfig.Schedule.CONSTANT, 0.85, 0.995, 1e-7),
            new TrainConfig(7, 64, 3, 4, -1234567890123L, 5));

    @Test
    void defaultsSurviveRoundTripThroughProperties() {
        Properties p = RunConfig.DEFAULTS.toProperties();

        assertEquals(RunConfig.DEFAULTS, RunConfig.fromProperties(p));
    }

    @Test
    void nonDefaultConfigSurvivesRoundTripThroughProperties() {
        assertEveryFieldDiffersFromDefaults(EVERY_FIELD_CHANGED);

        Properties p = EVERY_FIELD_CHANGED.toProperties();

        assertEquals(EVERY_FIELD_CHANGED, RunConfig.fromProperties(p));
    }

    @Test
    void roundTripSurvivesStoringPropertiesAsText() throws Exception {
        java.io.StringWriter text = new java.io.StringWriter();
        EVERY_FIELD_CHANGED.toProperties().store(text, null);
        Properties reread = new Properties();
        reread.load(new java.io.StringReader(text.toString()));

        assertEquals(EVERY_FIELD_CHANGED, RunConfig.fromProperties(reread));
    }

    @Test
    void toPropertiesWritesExactlyTheKnownKeys() {
        assertEquals(RunConfig.KEYS, RunConfig.DEFAULTS.toProperties().stringPropertyNames());
        assertEquals(RunConfig.KEYS, EVERY_FIELD_CHANGED.toProperties().stringPropertyNames());
    }

    @Test
    void emptyPropertiesGiveTheDefaults() {
        assertEquals(RunConfig.DEFAULTS, RunConfig.fromProperties(new Properties()));
    }

    private static void assertEveryFieldDiffersFromDefaults(RunConfig c) {
        Properties mine = c.toProperties();
        Properties defaults = RunConfig.DEFAULTS.toProperties();
        for (String key : RunConfig.KEYS) {
            assertTrue(mine.containsKey(key), key);
            assertNotEquals(defaults.getProperty(key), mine.getProperty(key), key);
        }
    }
}
