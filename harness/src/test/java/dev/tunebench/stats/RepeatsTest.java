package dev.tunebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RepeatsTest {

    @Test
    void classifiesRowsAcrossRepeats() {
        boolean[][] passed = {
            {true, true, true},
            {false, false, false},
            {true, false, true},
            {true, true, true},
            {false, true, false},
        };
        RowStability stability = Repeats.stability(passed);
        assertEquals(new RowStability(2, 1, 2, 3), stability);
        assertEquals(5, stability.rows());
        assertEquals(0.4, stability.flakyShare(), 1e-12);
    }

    @Test
    void rowsMustHaveTheSameNumberOfRepeats() {
        assertThrows(IllegalArgumentException.class, () -> Repeats.stability(new boolean[][] {{true, true}, {true}}));
    }

    @Test
    void spreadAcrossRepeats() {
        Spread spread = Repeats.spread(new double[] {0.80, 0.78, 0.82});
        assertEquals(0.78, spread.min(), 1e-12);
        assertEquals(0.82, spread.max(), 1e-12);
        assertEquals(0.80, spread.mean(), 1e-12);
        assertEquals(0.02, spread.sd(), 1e-12);
        assertEquals(0.04, spread.range(), 1e-12);
        assertTrue(Double.isNaN(Repeats.spread(new double[] {0.8}).sd()));
    }

    @Test
    void passAtKMatchesTheBinomialFormula() {
        // 1 - C(7,5)/C(10,5) = 1 - 21/252.
        assertEquals(1 - 21.0 / 252, Repeats.passAtK(10, 3, 5), 1e-12);
        assertEquals(0.2, Repeats.passAtK(5, 1, 1), 1e-12);
        assertEquals(0.0, Repeats.passAtK(10, 0, 3), 0.0);
        assertEquals(1.0, Repeats.passAtK(10, 8, 3), 0.0);
        // pass@1 is the plain pass rate.
        assertEquals(0.37, Repeats.passAtK(100, 37, 1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Repeats.passAtK(5, 1, 6));
    }

    @Test
    void meanPassAtKAveragesRows() {
        assertEquals((1 - 21.0 / 252 + 0.0) / 2, Repeats.meanPassAtK(new int[] {3, 0}, 10, 5), 1e-12);
    }
}
