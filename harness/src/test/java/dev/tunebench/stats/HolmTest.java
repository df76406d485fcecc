package dev.tunebench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HolmTest {

    @Test
    void adjustsAKnownVectorInItsOriginalOrder() {
        // Sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> raised to 0.06.
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02},
                Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-12);
    }

    @Test
    void capsAtOneAndKeepsTies() {
        assertArrayEquals(new double[] {1.0, 1.0}, Holm.adjust(new double[] {0.6, 0.5}), 1e-12);
        assertArrayEquals(new double[] {0.06, 0.06, 0.06}, Holm.adjust(new double[] {0.02, 0.02, 0.02}), 1e-12);
    }

    @Test
    void aSingleComparisonIsUnchangedAndNoneIsEmpty() {
        assertArrayEquals(new double[] {0.2}, Holm.adjust(new double[] {0.2}), 0.0);
        assertArrayEquals(new double[0], Holm.adjust(new double[0]), 0.0);
    }

    @Test
    void rejectsValuesThatAreNotProbabilities() {
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {0.1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {1.5}));
    }
}
