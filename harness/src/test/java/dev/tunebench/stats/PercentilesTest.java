package dev.tunebench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    private static final double[] ONE_TO_HUNDRED = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

    @Test
    void typeSevenOnOneToHundred() {
        assertEquals(1.0, Percentiles.of(ONE_TO_HUNDRED, 0), 1e-12);
        assertEquals(50.5, Percentiles.of(ONE_TO_HUNDRED, 50), 1e-12);
        assertEquals(90.1, Percentiles.of(ONE_TO_HUNDRED, 90), 1e-12);
        assertEquals(95.05, Percentiles.of(ONE_TO_HUNDRED, 95), 1e-12);
        assertEquals(99.01, Percentiles.of(ONE_TO_HUNDRED, 99), 1e-12);
        assertEquals(100.0, Percentiles.of(ONE_TO_HUNDRED, 100), 1e-12);
    }

    @Test
    void agreesWithCommonsMathR7OnUnsortedData() {
        SplittableRandom random = new SplittableRandom(7);
        double[] values = random.doubles(257, 0, 1_000).toArray();
        Percentile reference = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        for (double percent : new double[] {1, 10, 50, 90, 95, 99}) {
            assertEquals(reference.evaluate(values, percent), Percentiles.of(values, percent), 1e-9);
        }
    }

    @Test
    void doesNotReorderTheCallersArray() {
        double[] values = {3, 1, 2};
        Percentiles.of(values, 50);
        assertArrayEquals(new double[] {3, 1, 2}, values);
    }

    @Test
    void singleValueAndEmpty() {
        assertEquals(7.0, Percentiles.of(new double[] {7}, 99), 0.0);
        assertTrue(Double.isNaN(Percentiles.of(new double[0], 50)));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(ONE_TO_HUNDRED, 101));
    }

    @Test
    void meanAndSampleStandardDeviation() {
        assertEquals(50.5, Percentiles.mean(ONE_TO_HUNDRED), 1e-12);
        assertEquals(2.0, Percentiles.standardDeviation(new double[] {10, 12, 14}), 1e-12);
        assertTrue(Double.isNaN(Percentiles.standardDeviation(new double[] {1})));
    }
}
