package dev.tunebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class StudentTTest {

    @Test
    void threeTrialsUseTwoDegreesOfFreedom() {
        // mean 12, sd 2, t(0.975, 2) = 4.302653: 12 ± 4.302653 * 2 / √3.
        Interval interval = StudentT.meanInterval(new double[] {10, 12, 14}, 0.95);
        assertEquals(7.031725, interval.low(), 1e-6);
        assertEquals(16.968275, interval.high(), 1e-6);
        assertEquals("student-t", interval.method());
    }

    @Test
    void oneTrialHasNoInterval() {
        assertFalse(StudentT.meanInterval(new double[] {2100}, 0.95).isDefined());
        MetricEstimate estimate = StudentT.estimateMean(new double[] {2100});
        assertEquals(2100.0, estimate.value(), 0.0);
        assertEquals(null, estimate.ciLow());
    }
}
