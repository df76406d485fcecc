package dev.tunebench.perf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resources a scenario used while it measured (warm-up excluded).
 *
 * @param peakHeapBytes sum of the heap pools' peaks: an upper bound, since pools peak at different times
 * @param peakRssBytes  the process's resident-set high-water mark (VmHWM), reset at the start when
 *                      Linux allows it ({@code rssPeakReset}); null where /proc is absent. Native memory
 *                      of ONNX Runtime only shows here, not in the heap figure.
 * @param cpuNanos      process CPU time of every thread (runtime, JIT, GC) over the window
 */
public record ResourceUsage(long peakHeapBytes, Long peakRssBytes, boolean rssPeakReset, long cpuNanos, long wallNanos) {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    /** CPU time over wall time: 1.0 is one core busy throughout. */
    public double cpuCores() {
        return wallNanos == 0 ? Double.NaN : (double) cpuNanos / wallNanos;
    }

    /** Starts measuring: resets the heap-pool peaks and, where possible, the RSS high-water mark. */
    public static Probe start(Ticker ticker) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        return new Probe(heap, resetRssPeak(), processCpuNanos(), ticker, ticker.nanoTime());
    }

    /** A measurement in progress. */
    public record Probe(List<MemoryPoolMXBean> heap, boolean rssReset, long cpuStart, Ticker ticker, long wallStart) {
        public ResourceUsage stop() {
            long peakHeap = heap.stream().filter(MemoryPoolMXBean::isValid).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            return new ResourceUsage(peakHeap, readRssPeak(), rssReset, processCpuNanos() - cpuStart, ticker.nanoTime() - wallStart);
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Writing 5 to clear_refs resets VmHWM (Linux 4.0+); elsewhere the peak covers the whole process. */
    private static boolean resetRssPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static Long readRssPeak() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
