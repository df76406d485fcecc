package dev.tunebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedComparisonsTest {

    @Test
    void mcnemarExactAndMidPOnOneVersusNineDiscordantPairs() {
        // 2 P(X <= 1), X ~ Bin(10, 1/2) = 2 * 11/1024; mid-p = 2 * (11 - 10/2)/1024.
        assertEquals(22.0 / 1024, McNemar.exactP(1, 9), 1e-12);
        assertEquals(0.0215, McNemar.exactP(9, 1), 1e-4);
        assertEquals(12.0 / 1024, McNemar.midP(1, 9), 1e-12);
    }

    @Test
    void mcnemarWithoutDisagreementOrWithABalanceIsOne() {
        assertEquals(1.0, McNemar.exactP(0, 0), 0.0);
        assertEquals(1.0, McNemar.exactP(5, 5), 0.0);
        assertEquals(1.0, McNemar.midP(5, 5), 1e-12);
    }

    @Test
    void newcombePairedIntervalMatchesFagerlandLydersenLaake() {
        // Cavo et al. (2012) in Fagerland, Lydersen & Laake, "Statistical Analysis of Contingency Tables"
        // ch. 8: table [[59, 6], [16, 80]], estimate -0.0621, 95% CI -0.1186 to -0.0046.
        PairedCounts counts = new PairedCounts(59, 16, 6, 80);
        Interval interval = PairedProportions.newcombeInterval(counts, 0.95);
        assertEquals(-0.0621, counts.difference(), 1e-4);
        assertEquals(-0.1186, interval.low(), 1e-4);
        assertEquals(-0.0046, interval.high(), 1e-4);
        assertEquals("newcombe-paired", interval.method());
    }

    @Test
    void swappingTheSidesMirrorsTheNewcombeInterval() {
        Interval forward = PairedProportions.newcombeInterval(new PairedCounts(59, 16, 6, 80), 0.95);
        Interval backward = PairedProportions.newcombeInterval(new PairedCounts(59, 6, 16, 80), 0.95);
        assertEquals(-forward.high(), backward.low(), 1e-12);
        assertEquals(-forward.low(), backward.high(), 1e-12);
    }

    @Test
    void binaryComparisonTalliesRowsAndTestsTheDiscordantOnes() {
        boolean[] a = new boolean[20];
        boolean[] b = new boolean[20];
        // Rows 0-4 both right, row 5 only A, rows 6-14 only B, rows 15-19 both wrong.
        for (int i = 0; i < 15; i++) {
            a[i] = i <= 5;
            b[i] = i != 5;
        }
        PairedComparison comparison = PairedComparisons.binary(a, b, 0.95);
        assertEquals(new PairedCounts(5, 1, 9, 5), comparison.counts());
        assertEquals(6.0 / 20, comparison.valueA(), 1e-12);
        assertEquals(14.0 / 20, comparison.valueB(), 1e-12);
        assertEquals(0.4, comparison.difference(), 1e-12);
        assertEquals(0.4, comparison.effectSize(), 1e-12);
        assertEquals("difference", comparison.effectSizeName());
        assertEquals("mcnemar-exact", comparison.test());
        assertEquals(22.0 / 1024, comparison.pValue(), 1e-12);
        assertTrue(comparison.interval().contains(0.4));
        assertEquals(MinimumDetectableEffect.pairedBinary(20, 0.5), comparison.minimumDetectableEffect(), 1e-12);
    }

    @Test
    void pairedBootstrapOfAConstantShiftIsAsSignificantAsTheResamplesAllow() {
        double[] a = {10, 20, 30, 40, 50};
        double[] b = {12, 22, 32, 42, 52};
        PairedComparison comparison = PairedComparisons.continuous(a, b, Bootstrap.withSeed(1));
        assertEquals(2.0, comparison.difference(), 1e-12);
        assertEquals(2.0, comparison.interval().low(), 1e-12);
        assertEquals(2.0, comparison.interval().high(), 1e-12);
        assertEquals(1.0 / 2_001, comparison.pValue(), 1e-12);
        assertEquals("paired-bootstrap", comparison.test());
        assertNull(comparison.counts());
    }

    @Test
    void pairedBootstrapFindsNothingInIdenticalSides() {
        double[] a = {1, 5, 3, 8};
        assertEquals(1.0, PairedComparisons.continuous(a, a.clone(), Bootstrap.withSeed(1)).pValue(), 0.0);
    }

    @Test
    void pairedBootstrapSeparatesARealShiftFromNoise() {
        SplittableRandom random = new SplittableRandom(8);
        double[] a = new double[200];
        double[] shifted = new double[200];
        double[] noisy = new double[200];
        for (int i = 0; i < a.length; i++) {
            a[i] = 100 + 20 * random.nextGaussian();
            shifted[i] = a[i] - 5 + 5 * random.nextGaussian();
            noisy[i] = a[i] + 5 * random.nextGaussian();
        }
        PairedComparison real = PairedComparisons.continuous(a, shifted, Bootstrap.withSeed(2));
        PairedComparison none = PairedComparisons.continuous(a, noisy, Bootstrap.withSeed(2));
        assertTrue(real.pValue() < 0.001, "p " + real.pValue());
        assertTrue(real.interval().high() < 0);
        assertTrue(none.pValue() > 0.05, "p " + none.pValue());
        assertTrue(none.interval().contains(0));
        assertEquals(real, PairedComparisons.continuous(a, shifted, Bootstrap.withSeed(2)));
    }

    @Test
    void wilcoxonMatchesTheHollanderWolfeDepressionExample() {
        // R's ?wilcox.test example (Hollander & Wolfe 1973, p. 29): two-sided exact p = 0.03906.
        double[] x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
        double[] y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
        assertEquals(0.0390625, PairedComparisons.wilcoxonP(x, y), 1e-7);
    }

    @Test
    void cohensDzIsMeanDifferenceOverItsStandardDeviation() {
        // Differences 1, 2, 3: mean 2, sd 1.
        assertEquals(2.0, PairedComparisons.cohensDz(new double[] {0, 0, 0}, new double[] {1, 2, 3}), 1e-12);
    }

    @Test
    void sidesMustCoverTheSameRows() {
        assertThrows(IllegalArgumentException.class,
                () -> PairedComparisons.binary(new boolean[2], new boolean[3], 0.95));
        assertThrows(IllegalArgumentException.class,
                () -> PairedComparisons.continuous(new double[2], new double[3], Bootstrap.withSeed(1)));
    }
}
