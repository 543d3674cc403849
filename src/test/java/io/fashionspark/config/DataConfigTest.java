package io.fashionspark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** How many rows the default validation fraction holds out. */
class DataConfigTest {

    @Test
    void defaultHoldsOutTenThousandOfSixtyThousand() {
        assertEquals(10_000, DataConfig.DEFAULTS.validationCount(60_000));
    }

    @Test
    void defaultHoldsOutOneSixthRoundedForAnySize() {
        LongStream.concat(LongStream.rangeClosed(0, 5_000), LongStream.of(59_999, 60_001, 70_000, 1_000_003))
                .forEach(n -> assertEquals(Math.round(n / 6.0), DataConfig.DEFAULTS.validationCount(n), "n=" + n));
    }

    @Test
    void otherFractionScalesTheCount() {
        DataConfig quarter = new DataConfig(DataConfig.DEFAULT_DIR, 0.25, DataConfig.DEFAULT_DOWNLOAD_URL,
                DataConfig.FASHION_MNIST_CLASSES);

        assertEquals(15_000, quarter.validationCount(60_000));
        assertEquals(3, quarter.validationCount(10));
    }
}
