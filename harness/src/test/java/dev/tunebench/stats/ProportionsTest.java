package dev.tunebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class ProportionsTest {

    @Test
    void wilsonMatchesNewcombe1998Examples() {
        // Newcombe (1998) Stat Med 17:857, Table I, method 3.
        Interval interval = Proportions.wilson(81, 263);
        assertEquals(0.2553, interval.low(), 1e-4);
        assertEquals(0.3662, interval.high(), 1e-4);
        assertEquals("wilson", interval.method());

        Interval fifteenOf148 = Proportions.wilson(15, 148);
        assertEquals(0.0624, fifteenOf148.low(), 1e-4);
        assertEquals(0.1605, fifteenOf148.high(), 1e-4);
    }

    @Test
    void wilsonAtTheBoundariesStaysInsideZeroOne() {
        Interval none = Proportions.wilson(0, 10);
        assertEquals(0.0, none.low(), 0.0);
        assertEquals(0.2775, none.high(), 1e-4);

        Interval all = Proportions.wilson(10, 10);
        assertEquals(0.7225, all.low(), 1e-4);
        assertEquals(1.0, all.high(), 0.0);
    }

    @Test
    void higherConfidenceGivesAWiderInterval() {
        assertTrue(Proportions.wilson(30, 100, 0.99).width() > Proportions.wilson(30, 100, 0.95).width());
    }

    @Test
    void wilsonCoverageIsNearNominalInASeededSimulation() {
        double p = 0.3;
        int n = 100;
        int trials = 2_000;
        // Exact coverage at (p, n): binomial probability of the counts whose interval holds p. Wilson
        // coverage oscillates with p and n; here it is 0.937, so the simulation is checked against it.
        BinomialDistribution binomial = new BinomialDistribution(null, n, p);
        double exactCoverage = 0;
        for (int successes = 0; successes <= n; successes++) {
            exactCoverage += Proportions.wilson(successes, n).contains(p) ? binomial.probability(successes) : 0;
        }
        assertTrue(exactCoverage >= 0.93 && exactCoverage <= 0.97, "exact coverage " + exactCoverage);

        SplittableRandom random = new SplittableRandom(42);
        int covered = 0;
        for (int trial = 0; trial < trials; trial++) {
            int successes = 0;
            for (int i = 0; i < n; i++) {
                successes += random.nextDouble() < p ? 1 : 0;
            }
            covered += Proportions.wilson(successes, n).contains(p) ? 1 : 0;
        }
        double simulated = (double) covered / trials;
        double threeStandardErrors = 3 * Math.sqrt(exactCoverage * (1 - exactCoverage) / trials);
        assertEquals(exactCoverage, simulated, threeStandardErrors);
    }

    @Test
    void estimateOverZeroRowsIsUndefined() {
        MetricEstimate estimate = Proportions.estimate(0, 0);
        assertNull(estimate.value());
        assertNull(estimate.ciLow());
        assertNull(estimate.ciHigh());
        assertEquals(0, estimate.n());
        assertFalse(Proportions.wilson(0, 0).isDefined());
    }

    @Test
    void estimateCarriesValueIntervalMethodAndN() {
        MetricEstimate estimate = Proportions.estimate(81, 263);
        assertEquals(81.0 / 263, estimate.value(), 1e-12);
        assertEquals(0.2553, estimate.ciLow(), 1e-4);
        assertEquals("wilson", estimate.method());
        assertEquals(263, estimate.n());
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> Proportions.wilson(11, 10));
        assertThrows(IllegalArgumentException.class, () -> Proportions.wilson(1, 10, 1.0));
    }
}
