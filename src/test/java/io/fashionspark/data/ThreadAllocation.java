package io.fashionspark.data;

import java.lang.management.ManagementFactory;

/** Bytes the current thread has allocated on the heap, to prove a read did not size a buffer from a header. */
final class ThreadAllocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ThreadAllocation() {
    }

    /** True if the JVM counts per-thread allocation (HotSpot does). */
    static boolean supported() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }

    /** Bytes allocated so far by the calling thread. */
    static long current() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
