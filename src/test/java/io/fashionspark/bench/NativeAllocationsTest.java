package io.fashionspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The counter sees ND4J's fresh native allocations. That a warm training iteration makes none is
 * {@code FusedOutputTest}'s; that a round after the first epoch makes none, {@code SteadyStateAllocationTest}'s.
 */
class NativeAllocationsTest {
    @Test
    void anArrayOutsideAWorkspaceIsOneFreshAllocationOfItsBytes() {
        NativeAllocations.install();
        NativeAllocations.install();
        NativeAllocations.Count before = NativeAllocations.now();
        INDArray a = Nd4j.create(DataType.FLOAT, 250, 4);
        NativeAllocations.Count c = NativeAllocations.now().minus(before);
        assertEquals(1, c.fresh());
        assertEquals(4000, c.freshBytes());
        assertEquals(1000, a.length());
    }
}
