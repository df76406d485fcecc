package dev.tunebench.reports;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PValueTextTest {
    @Test
    void smallPValuesShowTheirTrueOrderOfMagnitudeNeverZero() {
        assertEquals("p = 0.43", PValueText.of(0.4321, null, 10));
        assertEquals("p = 0.0031", PValueText.of(0.003149, null, 10));
        assertEquals("p < 1e-11", PValueText.of(5.312398934140964e-12, null, 10));
        assertEquals("p < 1e-71", PValueText.of(1.1e-72, null, 10));
        // Below the doubles: summary.json holds the smallest double and the raw p's log10; Holm can raise the raw
        // p at most family-size times, so 1e-400 raw in a family of 100 is below 1e-398.
        assertEquals("p < 1e-398", PValueText.of(Double.MIN_VALUE, -400.0, 100));
        assertEquals("", PValueText.of(null, null, 10));
    }
}
