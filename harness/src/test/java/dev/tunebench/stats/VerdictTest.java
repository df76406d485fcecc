package dev.tunebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void jsonNamesMatchTheResultsFormat() {
        assertEquals("better", Verdict.BETTER.jsonName());
        assertEquals("worse", Verdict.WORSE.jsonName());
        assertEquals("no significant difference", Verdict.NO_SIGNIFICANT_DIFFERENCE.jsonName());
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, Verdict.fromJsonName("no significant difference"));
        assertThrows(IllegalArgumentException.class, () -> Verdict.fromJsonName("same"));
    }

    @Test
    void directionDecidesBetterOrWorseWhenSignificant() {
        MetricDirection accuracy = MetricDirection.forMetric("accuracy");
        MetricDirection latency = MetricDirection.forMetric("latency_ms_p95");
        assertEquals(Verdict.BETTER, Verdict.decide(0.05, 0.01, accuracy));
        assertEquals(Verdict.WORSE, Verdict.decide(-0.05, 0.01, accuracy));
        assertEquals(Verdict.WORSE, Verdict.decide(3.0, 0.01, latency));
        assertEquals(Verdict.BETTER, Verdict.decide(-3.0, 0.01, latency));
    }

    @Test
    void notSignificantAtOrAboveAlpha() {
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, Verdict.decide(0.2, 0.05, MetricDirection.HIGHER_IS_BETTER));
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, Verdict.decide(0.2, 0.3, MetricDirection.HIGHER_IS_BETTER));
        assertEquals(Verdict.BETTER, Verdict.decide(0.2, 0.09, MetricDirection.HIGHER_IS_BETTER, 0.1));
    }

    @Test
    void metricDirectionsFromSummaryNames() {
        assertEquals(MetricDirection.HIGHER_IS_BETTER, MetricDirection.forMetric("accuracy"));
        assertEquals(MetricDirection.HIGHER_IS_BETTER, MetricDirection.forMetric("format_adherence"));
        assertEquals(MetricDirection.HIGHER_IS_BETTER, MetricDirection.forMetric("output_tokens_per_s"));
        assertEquals(MetricDirection.LOWER_IS_BETTER, MetricDirection.forMetric("completion_tokens_mean"));
        assertEquals(MetricDirection.LOWER_IS_BETTER, MetricDirection.forMetric("cost_per_1k_requests"));
        assertEquals(MetricDirection.LOWER_IS_BETTER, MetricDirection.forMetric("ttft_ms_p50"));
        assertEquals(MetricDirection.LOWER_IS_BETTER, MetricDirection.forMetric("validation_loss"));
    }
}
