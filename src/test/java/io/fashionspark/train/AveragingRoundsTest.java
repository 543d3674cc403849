package io.fashionspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Round sizes the trainer hands DL4J instead of a count job per round. */
class AveragingRoundsTest {

    @Test
    void roundSizesSumToEveryMinibatchOnceWithUnevenPartitions() {
        List<Integer> sizes = List.of(196, 195, 3);
        long total = 0;
        for (int round = 0; round < 20; round++) {
            total += AveragingRounds.roundSize(sizes, round, 10);
        }
        assertEquals(196 + 195 + 3, total);
        assertEquals(23, AveragingRounds.roundSize(sizes, 0, 10));
        assertEquals(20, AveragingRounds.roundSize(sizes, 1, 10));
        assertEquals(6 + 5, AveragingRounds.roundSize(sizes, 19, 10));
        assertEquals(0, AveragingRounds.roundSize(sizes, 20, 10));
    }

    @Test
    void sliceTakesTheRoundsWindowOfAPartition() {
        List<Integer> items = List.of(0, 1, 2, 3, 4, 5, 6);
        List<Integer> window = new java.util.ArrayList<>();
        AveragingRounds.slice(items.iterator(), 3, 3).forEachRemaining(window::add);
        assertEquals(List.of(3, 4, 5), window);
    }
}
