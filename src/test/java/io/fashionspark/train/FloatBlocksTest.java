package io.fashionspark.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fashionspark.testing.SparkTestSession;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkEnv;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.TestBlockId;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Blocks of floats ({@link FloatBlocks}): whether one is held, asked while other threads remove blocks. */
class FloatBlocksTest {

    @Test
    void whetherABlockIsHeldCanBeAskedWhileOtherThreadsRemoveIt() throws Exception {
        SparkTestSession.get();
        BlockManager blocks = SparkEnv.get().blockManager();
        INDArray small = Nd4j.create(new float[] {1, 2, 3, 4});
        int rounds = 3_000;
        AtomicReference<BlockId> current = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread asker = new Thread(() -> {
            try {
                while (!done.get()) {
                    BlockId id = current.get();
                    if (id != null) {
                        FloatBlocks.held(id);
                    }
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        asker.start();
        try {
            for (int i = 0; i < rounds && failed.get() == null; i++) {
                BlockId id = new TestBlockId("held-" + i);
                assertTrue(FloatBlocks.put(id, small, null));
                current.set(id);
                assertTrue(FloatBlocks.held(id));
                blocks.removeBlock(id, false);
                assertFalse(FloatBlocks.held(id));
            }
        } finally {
            done.set(true);
            asker.join();
        }
        assertNull(failed.get(), () -> "asking while a block was removed failed: " + failed.get());
    }

}
