package io.fashionspark.train;

import io.fashionspark.data.NdArrays;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkException;
import org.apache.spark.storage.BlockData;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.io.ChunkedByteBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import scala.Option;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * A network's parameters and Adam state as one block of little-endian floats in a Spark block
 * manager, the way the averaging rounds move them both ways: the round's start from the driver to
 * the workers ({@link RoundStart}) and each worker's result back ({@link BlockResult}). Blocks are
 * put in the block manager of the JVM that calls {@link #put} and read from it directly when the
 * reader shares that block manager (local mode: the very buffer, no copy), otherwise fetched as
 * Spark fetches any block.
 */
final class FloatBlocks {
    private static final ClassTag<byte[]> BYTES = ClassTag$.MODULE$.apply(byte[].class);
    /** Threads fetching blocks of other JVMs side by side (the driver's reads of a round's results). */
    private static final ExecutorService FETCHES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "round-block-fetch");
        t.setDaemon(true);
        return t;
    });

    private FloatBlocks() {
    }

    /**
     * Puts {@code params}, then {@code state} (may be null), as one block under {@code id} in this
     * JVM's block manager; false when either is not a contiguous float array or the block manager
     * refuses the block.
     */
    static boolean put(BlockId id, INDArray params, INDArray state) {
        if (params == null || !NdArrays.isContiguousFloat(params) || (state != null && !NdArrays.isContiguousFloat(state))) {
            return false;
        }
        int np = (int) params.length();
        int ns = state == null ? 0 : (int) state.length();
        ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * (np + ns)).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = bytes.asFloatBuffer();
        floats.put(NdArrays.FloatView.of(params).buffer(np));
        if (state != null) {
            floats.put(NdArrays.FloatView.of(state).buffer(ns));
        }
        return SparkEnv.get().blockManager().putBytes(id, new ChunkedByteBuffer(bytes),
                StorageLevel.MEMORY_AND_DISK_SER(), true, BYTES);
    }

    /** The block's bytes, read in the calling thread; {@code lost} names what is lost when no JVM has it. */
    static Bytes read(BlockId id, String lost) throws SparkException {
        Bytes local = readLocal(id);
        return local != null ? local : fetch(id, lost);
    }

    /**
     * As {@link #read}, but a block of another JVM is fetched in a pool thread, so that several
     * blocks travel side by side. The caller closes what the future gives.
     */
    static Future<Bytes> readAsync(BlockId id, String lost) {
        Bytes local = readLocal(id);
        return local != null ? CompletableFuture.completedFuture(local) : FETCHES.submit(() -> fetch(id, lost));
    }

    private static Bytes readLocal(BlockId id) {
        BlockManager blocks = SparkEnv.get().blockManager();
        Option<BlockData> local = blocks.getLocalBytes(id);
        if (local.isEmpty()) {
            return null;
        }
        BlockData data = local.get();
        return new Bytes(data.toByteBuffer(), () -> {
            data.dispose();
            blocks.releaseLock(id, Option.empty());
        });
    }

    private static Bytes fetch(BlockId id, String lost) throws SparkException {
        Option<ChunkedByteBuffer> remote = SparkEnv.get().blockManager().getRemoteBytes(id);
        if (remote.isEmpty()) {
            throw new SparkException(lost);
        }
        return new Bytes(remote.get().toByteBuffer(), remote.get()::dispose);
    }

    /**
     * Whether this JVM's block manager holds the block, safe while other threads put and remove
     * blocks. {@code BlockManager.getStatus} is not: it asks the memory store whether it holds a
     * block and then for its size, and a block removed in between fails it with a
     * NullPointerException (Spark 3.5).
     */
    static boolean held(BlockId id) {
        BlockManager blocks = SparkEnv.get().blockManager();
        return blocks.memoryStore().contains(id) || blocks.diskStore().contains(id);
    }

    /** Removes the block wherever it is (idempotent); from any JVM of the application. */
    static void remove(BlockId id) {
        SparkEnv.get().blockManager().master().removeBlock(id);
    }

    /** A block's bytes, held until {@link #close} (once; later calls do nothing). */
    static final class Bytes implements AutoCloseable {
        private final ByteBuffer buffer;
        private Runnable release;

        private Bytes(ByteBuffer buffer, Runnable release) {
            this.buffer = buffer;
            this.release = release;
        }

        /** The block's floats: parameters, then Adam state. */
        FloatBuffer floats() {
            return buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        }

        /** Copies floats {@code from .. from+n-1} into {@code target}, a contiguous float array of n elements. */
        void copyTo(int from, int n, INDArray target) {
            FloatBuffer src = floats();
            src.position(from).limit(from + n);
            NdArrays.FloatView.of(target).buffer(n).put(src);
        }

        @Override
        public synchronized void close() {
            if (release != null) {
                release.run();
                release = null;
            }
        }
    }
}
