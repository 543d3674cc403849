package io.fashionspark.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Out-of-range values are refused naming the key; the values just inside each range are accepted. */
class ConfigRangeTest {

    @ParameterizedTest(name = "{0}={1} rejected")
    @CsvSource({
        "model.dropout, 1.0",
        "model.dropout, -0.1",
        "model.dropout, NaN",
        "optimizer.learning.rate, 0",
        "optimizer.learning.rate, -0.01",
        "optimizer.learning.rate, Infinity",
        "train.epochs, 0",
        "train.epochs, -3",
        "train.batch.size, 0",
        "data.validation.fraction, 0",
        "data.validation.fraction, 1",
        "data.validation.fraction, 1.5",
        "train.averaging.frequency, 0",
        "model.l2, -1e-4",
        "model.hidden, '512,0,128'",
        "model.dropout.layers, 6",
        "optimizer.beta1, 1.0",
        "optimizer.beta2, 1.0",
        "optimizer.epsilon, 0",
        "train.workers, -1",
        "data.download.url, fashion-mnist/files",
    })
    void rejectsOutOfRangeValueNamingTheKey(String key, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of(key, value), Map.of()));

        assertTrue(e.getMessage().startsWith(key + ": expected "), e.getMessage());
        assertTrue(e.getMessage().contains("found "), e.getMessage());
    }

    @ParameterizedTest(name = "{0}={1} accepted")
    @CsvSource({
        "model.dropout, 0",
        "model.dropout, 0.99",
        "optimizer.learning.rate, 1e-9",
        "train.epochs, 1",
        "train.batch.size, 1",
        "data.validation.fraction, 0.001",
        "data.validation.fraction, 0.999",
        "train.averaging.frequency, 1",
        "model.l2, 0",
        "model.dropout.layers, 5",
        "train.workers, 0",
    })
    void acceptsValueJustInsideTheRange(String key, String value) {
        RunConfig c = assertDoesNotThrow(() -> ConfigLoader.load(Optional.empty(), Map.of(key, value), Map.of()));

        assertEquals(Double.parseDouble(value), Double.parseDouble(c.toProperties().getProperty(key)), key);
    }

    @ParameterizedTest(name = "dropout {0} names its value")
    @CsvSource({"1.0", "-0.1"})
    void dropoutErrorStatesRangeAndValue(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of(ModelConfig.DROPOUT, value), Map.of()));

        assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("found " + Double.parseDouble(value)), e.getMessage());
    }
}
