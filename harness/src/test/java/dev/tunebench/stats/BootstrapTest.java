package dev.tunebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static final double[] LATENCIES = new SplittableRandom(11).doubles(240, 5, 50).toArray();

    @Test
    void sameSeedGivesTheSameInterval() {
        assertEquals(Bootstrap.withSeed(1234).meanInterval(LATENCIES), Bootstrap.withSeed(1234).meanInterval(LATENCIES));
        assertEquals(Bootstrap.withSeed(1234).percentileInterval(LATENCIES, 95),
                Bootstrap.withSeed(1234).percentileInterval(LATENCIES, 95));
    }

    @Test
    void anotherSeedGivesADifferentInterval() {
        assertNotEquals(Bootstrap.withSeed(1234).meanInterval(LATENCIES), Bootstrap.withSeed(99).meanInterval(LATENCIES));
    }

    @Test
    void defaultsAreTwoThousandResamplesAtNinetyFivePercent() {
        Bootstrap bootstrap = Bootstrap.withSeed(1);
        assertEquals(2_000, bootstrap.resamples());
        assertEquals(0.95, bootstrap.confidence(), 0.0);
        assertEquals("bootstrap-percentile", bootstrap.meanInterval(LATENCIES).method());
    }

    @Test
    void meanIntervalBracketsTheMeanAndAgreesWithStudentT() {
        Interval bootstrap = Bootstrap.withSeed(5).meanInterval(LATENCIES);
        Interval studentT = StudentT.meanInterval(LATENCIES, 0.95);
        double mean = Percentiles.mean(LATENCIES);
        assertTrue(bootstrap.contains(mean));
        // For 240 roughly uniform values both intervals estimate the same sampling spread.
        assertEquals(studentT.width(), bootstrap.width(), 0.15 * studentT.width());
        assertEquals(studentT.low(), bootstrap.low(), 0.15 * studentT.width());
    }

    @Test
    void percentileEstimateCarriesTheTypeSevenValue() {
        MetricEstimate p95 = Bootstrap.withSeed(3).estimatePercentile(LATENCIES, 95);
        assertEquals(Percentiles.of(LATENCIES, 95), p95.value(), 0.0);
        assertTrue(p95.ciLow() <= p95.value() && p95.value() <= p95.ciHigh());
        assertEquals(240, p95.n());
    }

    @Test
    void constantDataGiveADegenerateInterval() {
        Interval interval = Bootstrap.withSeed(1).meanInterval(new double[] {4, 4, 4});
        assertEquals(4.0, interval.low(), 0.0);
        assertEquals(4.0, interval.high(), 0.0);
    }

    @Test
    void emptyDataGiveAnUndefinedEstimate() {
        MetricEstimate estimate = Bootstrap.withSeed(1).estimateMean(new double[0]);
        assertEquals(null, estimate.value());
        assertEquals(null, estimate.ciLow());
        assertFalse(Bootstrap.withSeed(1).meanInterval(new double[0]).isDefined());
    }

    @Test
    void percentileIntervalEqualsSortingEveryResample() {
        // The tally of order statistics must give exactly the figures of sorting each resample.
        double[] withTies = new SplittableRandom(4).ints(301, 0, 40).asDoubleStream().toArray();
        for (double[] values : new double[][] {LATENCIES, withTies, {7}, {3, 1}}) {
            for (double percent : new double[] {0, 1, 50, 95, 99, 100}) {
                Bootstrap bootstrap = Bootstrap.withSeed(17);
                Interval bySorting = bootstrap.interval(values, sample -> {
                    java.util.Arrays.sort(sample);
                    return Percentiles.ofSorted(sample, percent);
                });
                assertEquals(bySorting, bootstrap.percentileInterval(values, percent), "p" + percent);
            }
        }
    }
}
