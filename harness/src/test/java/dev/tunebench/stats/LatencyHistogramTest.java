package dev.tunebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    /** HdrHistogram with 3 significant digits reports each percentile within 0.1%. */
    private static final double RELATIVE_PRECISION = 1e-3;

    @Test
    void oneToHundredMillisecondsRecordedInMicroseconds() {
        LatencyHistogram histogram = LatencyHistogram.microseconds();
        for (int ms = 1; ms <= 100; ms++) {
            histogram.record(ms * 1_000L);
        }
        LatencySummary summary = histogram.summary();
        assertEquals(100, summary.count());
        assertEquals(50.5, summary.meanMs(), 1e-12);
        assertEquals(100.0, summary.maxMs(), 0.0);
        assertClose(50, summary.p50Ms());
        assertClose(90, summary.p90Ms());
        assertClose(95, summary.p95Ms());
        assertClose(99, summary.p99Ms());
    }

    @Test
    void nanosecondsAreConvertedToMilliseconds() {
        LatencyHistogram histogram = LatencyHistogram.nanoseconds();
        histogram.record(2_500_000);
        LatencySummary summary = histogram.summary();
        assertEquals(2.5, summary.meanMs(), 1e-12);
        assertClose(2.5, summary.p99Ms());
    }

    @Test
    void addingHistogramsPoolsTheirValues() {
        LatencyHistogram first = LatencyHistogram.microseconds();
        LatencyHistogram second = LatencyHistogram.microseconds();
        first.record(1_000);
        second.record(3_000);
        first.add(second);
        assertEquals(2, first.count());
        assertEquals(2.0, first.summary().meanMs(), 1e-12);
        assertEquals(3.0, first.summary().maxMs(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> first.add(LatencyHistogram.nanoseconds()));
    }

    @Test
    void emptyAndNegative() {
        LatencySummary empty = LatencyHistogram.nanoseconds().summary();
        assertEquals(0, empty.count());
        assertTrue(Double.isNaN(empty.p50Ms()));
        assertThrows(IllegalArgumentException.class, () -> LatencyHistogram.nanoseconds().record(-1));
    }

    private static void assertClose(double expectedMs, double actualMs) {
        assertEquals(expectedMs, actualMs, expectedMs * RELATIVE_PRECISION);
    }
}
