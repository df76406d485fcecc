package dev.tunebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MinimumDetectableEffectTest {

    private static final double Z_ALPHA = 1.959963984540054;
    private static final double Z_POWER = 0.8416212335729143;

    @Test
    void pairedBinaryInvertsConnorsSampleSizeFormula() {
        double delta = MinimumDetectableEffect.pairedBinary(240, 0.2);
        assertEquals(0.08048, delta, 1e-5);
        double rootN = Z_ALPHA * Math.sqrt(0.2) + Z_POWER * Math.sqrt(0.2 - delta * delta);
        assertEquals(240.0, rootN * rootN / (delta * delta), 1e-6);
    }

    @Test
    void pairedBinaryShrinksWithMoreRowsAndIsUndefinedWithoutDisagreement() {
        assertTrue(MinimumDetectableEffect.pairedBinary(960, 0.2) < MinimumDetectableEffect.pairedBinary(240, 0.2));
        assertTrue(Double.isNaN(MinimumDetectableEffect.pairedBinary(240, 0.0)));
    }

    @Test
    void singleProportionAtOneHalfAndAtZero() {
        assertEquals(0.13843, MinimumDetectableEffect.singleProportion(100, 0.5), 1e-5);
        // At p0 = 0 the equation reduces to δ = zβ² / (n + zβ²).
        assertEquals(Z_POWER * Z_POWER / (100 + Z_POWER * Z_POWER),
                MinimumDetectableEffect.singleProportion(100, 0.0), 1e-9);
        assertEquals(MinimumDetectableEffect.singleProportion(100, 0.3),
                MinimumDetectableEffect.singleProportion(100, 0.7), 1e-12);
    }
}
