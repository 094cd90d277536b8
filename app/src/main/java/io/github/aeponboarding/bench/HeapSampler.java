package io.github.aeponboarding.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap while a phase runs: the JVM's used heap sampled every few milliseconds (it includes
 * garbage not yet collected, so it depends on -Xmx), the heap pools' own peak counters (reset at
 * the start) as a cross-check, and the collections the phase caused.
 */
final class HeapSampler implements AutoCloseable {
    private static final long MB = 1024 * 1024;
    private final Thread thread;
    private final long gcCountAtStart;
    private final long gcMillisAtStart;
    private volatile boolean running = true;
    private volatile long peakUsed;

    private HeapSampler() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
        gcCountAtStart = gcCount();
        gcMillisAtStart = gcMillis();
        thread = new Thread(this::sample, "bench-heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    static HeapSampler start() {
        return new HeapSampler();
    }

    private void sample() {
        while (running) {
            peakUsed = Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Highest sampled heap use, in MB. */
    long peakUsedMb() {
        return Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()) / MB;
    }

    /** Sum of the heap pools' peaks since the start, in MB (an upper bound: the pools peak at different times). */
    long poolPeaksMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / MB;
    }

    long collections() {
        return gcCount() - gcCountAtStart;
    }

    long collectionMillis() {
        return gcMillis() - gcMillisAtStart;
    }

    /** Heap in use after a full collection, in MB: what is really live. */
    static long liveAfterGcMb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MB;
    }

    static long maxHeapMb() {
        return Runtime.getRuntime().maxMemory() / MB;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
