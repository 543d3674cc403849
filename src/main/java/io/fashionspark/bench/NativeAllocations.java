package io.fashionspark.bench;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Counts ND4J's fresh native allocations in this JVM: every data buffer libnd4j allocates memory
 * for ({@code allocateDataBuffer}), as against buffers placed in memory a workspace already holds
 * ({@code dbCreateExternalDataBuffer}). Each fresh allocation is also put down to where it came
 * from: inside an averaging round of DL4J's Spark training (a frame of its training master on the
 * driver, or of its worker functions and the kept worker in a task) or anywhere else (validation,
 * evaluation, an epoch's set-up).
 *
 * <p>{@link #install} puts a counting proxy in front of ND4J's native operations object (the one
 * ND4J looks up for each buffer it creates; its executioner keeps its own reference, so the ops
 * themselves do not go through the proxy). It stays for the JVM's life. For the bench and tests:
 * a run does not need it.
 */
public final class NativeAllocations {
    /** Class-name prefixes whose frames mark code that runs in an averaging round. */
    private static final Set<String> ROUND_FRAMES = Set.of(
            "org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster",
            "org.deeplearning4j.spark.api.worker.",
            "io.fashionspark.train.KeptNetworkWorker");

    private static final LongAdder FRESH = new LongAdder();
    private static final LongAdder FRESH_IN_ROUNDS = new LongAdder();
    private static final LongAdder FRESH_BYTES = new LongAdder();
    private static final LongAdder WORKSPACE = new LongAdder();
    private static boolean installed;

    /** Counts at one moment: fresh allocations (all, and inside rounds), their bytes, and workspace buffers. */
    public record Count(long fresh, long freshInRounds, long freshBytes, long workspaceBuffers) {
        /** What happened between {@code earlier} and this count. */
        public Count minus(Count earlier) {
            return new Count(fresh - earlier.fresh, freshInRounds - earlier.freshInRounds,
                    freshBytes - earlier.freshBytes, workspaceBuffers - earlier.workspaceBuffers);
        }
    }

    private NativeAllocations() {
    }

    /** Starts counting (once per JVM; later calls do nothing). */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        Nd4j.getBackend();
        try {
            NativeOpsHolder holder = NativeOpsHolder.getInstance();
            Field field = NativeOpsHolder.class.getDeclaredField("deviceNativeOps");
            field.setAccessible(true);
            NativeOps real = (NativeOps) field.get(holder);
            InvocationHandler counting = (proxy, method, args) -> {
                String name = method.getName();
                if ((name.equals("allocateDataBuffer") || name.equals("dbAllocateDataBuffer")) && (Long) args[0] > 0) {
                    FRESH.increment();
                    FRESH_BYTES.add((Long) args[0] * DataType.fromInt((Integer) args[1]).width());
                    if (inRound()) {
                        FRESH_IN_ROUNDS.increment();
                    }
                } else if (name.equals("dbCreateExternalDataBuffer")) {
                    WORKSPACE.increment();
                }
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            field.set(holder, Proxy.newProxyInstance(NativeOps.class.getClassLoader(), new Class<?>[] {NativeOps.class},
                    counting));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot count ND4J's native allocations in this JVM: " + e, e);
        }
        installed = true;
    }

    /** The counts so far (zero before {@link #install}). */
    public static Count now() {
        return new Count(FRESH.sum(), FRESH_IN_ROUNDS.sum(), FRESH_BYTES.sum(), WORKSPACE.sum());
    }

    private static boolean inRound() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> {
            String c = f.getClassName();
            for (String prefix : ROUND_FRAMES) {
                if (c.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }));
    }
}
