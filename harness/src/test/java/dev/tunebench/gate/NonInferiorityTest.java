package dev.tunebench.gate;

import dev.tunebench.results.RunManifest;
import dev.tunebench.stats.Bootstrap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Relative gate decisions on constructed paired data, where the right answer is known by construction. */
class NonInferiorityTest {
    private static final RunManifest.ModelEntry PRICES = new RunManifest.ModelEntry("m", "candidate", "m", null, null,
            List.of(), Map.of(), 0.001, 0.002);
    private static final Bootstrap BOOTSTRAP = Bootstrap.withSeed(1234);

    /** {@code n} rows, the first {@code right} right; tokens per row as given. */
    private static List<RowOutcome> rows(int n, int right, int promptTokens) {
        List<RowOutcome> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new RowOutcome(i, 0, i < right ? 1 : 0, 1, promptTokens + i % 3, 5, 10.0, false));
        }
        return out;
    }

    /** Like {@code base}, with the outcomes of rows [from, to) flipped. */
    private static List<RowOutcome> flipped(List<RowOutcome> base, int from, int to) {
        List<RowOutcome> out = new ArrayList<>(base);
        for (int i = from; i < to; i++) {
            RowOutcome r = base.get(i);
            out.set(i, new RowOutcome(r.row(), r.repeat(), 1 - r.accuracy(), r.formatAdherence(), r.promptTokens(),
                    r.completionTokens(), r.latencyMs(), false));
        }
        return out;
    }

    private static Outcome decide(RowMetric metric, List<RowOutcome> candidate, List<RowOutcome> reference,
                                  Hypothesis hypothesis, double margin) {
        Difference d = Differences.paired(metric, new Differences.Side(candidate, PRICES),
                new Differences.Side(reference, PRICES), 0.95, BOOTSTRAP);
        return hypothesis.decide(GateEvaluator.oriented(d.interval(), metric.direction()), margin);
    }

    @Test
    void sameAccuracyWithFewDiscordantRowsIsNonInferior() {
        List<RowOutcome> base = rows(400, 320, 30);
        // two rows lost (right → wrong) and two gained: difference 0, tightly known because rows are paired
        List<RowOutcome> candidate = flipped(flipped(base, 318, 320), 320, 322);
        assertEquals(Outcome.PASS, decide(RowMetric.ACCURACY, candidate, base, Hypothesis.NON_INFERIORITY, 0.02));
    }

    @Test
    void clearlyWorseFailsNonInferiority() {
        List<RowOutcome> base = rows(400, 320, 30);
        List<RowOutcome> candidate = flipped(base, 260, 320);   // 60 rows lost: -0.15
        assertEquals(Outcome.FAIL, decide(RowMetric.ACCURACY, candidate, base, Hypothesis.NON_INFERIORITY, 0.02));
    }

    @Test
    void aSmallSetCannotTellAndSaysSo() {
        List<RowOutcome> base = rows(40, 32, 30);
        List<RowOutcome> candidate = flipped(base, 30, 32);   // 2 of 40 lost: -0.05, but with n = 40 the bounds straddle -0.02
        Difference d = Differences.paired(RowMetric.ACCURACY, new Differences.Side(candidate, PRICES),
                new Differences.Side(base, PRICES), 0.95, BOOTSTRAP);
        assertTrue(d.interval().low() < -0.02 && d.interval().high() > -0.02, d.toString());
        assertEquals(Outcome.INCONCLUSIVE, decide(RowMetric.ACCURACY, candidate, base, Hypothesis.NON_INFERIORITY, 0.02));
    }

    @Test
    void superiorityNeedsTheWholeIntervalAboveTheMargin() {
        List<RowOutcome> base = rows(400, 200, 30);
        assertEquals(Outcome.PASS, decide(RowMetric.ACCURACY, flipped(base, 200, 260), base, Hypothesis.SUPERIORITY, 0));
        assertEquals(Outcome.INCONCLUSIVE, decide(RowMetric.ACCURACY, base, base, Hypothesis.SUPERIORITY, 0));
        assertEquals(Outcome.FAIL, decide(RowMetric.ACCURACY, flipped(base, 150, 200), base, Hypothesis.SUPERIORITY, 0));
    }

    @Test
    void noRegressionPassesNoiseAndFailsARealDrop() {
        List<RowOutcome> base = rows(240, 192, 30);
        assertEquals(Outcome.PASS, decide(RowMetric.ACCURACY, base, base, Hypothesis.NO_REGRESSION, 0));
        assertEquals(Outcome.PASS, decide(RowMetric.ACCURACY, flipped(base, 190, 192), base, Hypothesis.NO_REGRESSION, 0));
        assertEquals(Outcome.FAIL, decide(RowMetric.ACCURACY, flipped(base, 150, 192), base, Hypothesis.NO_REGRESSION, 0));
    }

    @Test
    void lowerIsBetterMetricsAreTurnedAround() {
        List<RowOutcome> base = rows(200, 100, 30);
        List<RowOutcome> dearer = rows(200, 100, 40);    // 10 more prompt tokens on every row
        List<RowOutcome> cheaper = rows(200, 100, 20);
        assertEquals(Outcome.FAIL, decide(RowMetric.PROMPT_TOKENS_MEAN, dearer, base, Hypothesis.NON_INFERIORITY, 1));
        assertEquals(Outcome.PASS, decide(RowMetric.PROMPT_TOKENS_MEAN, cheaper, base, Hypothesis.SUPERIORITY, 1));
        assertEquals(Outcome.PASS, decide(RowMetric.COST_PER_1K_REQUESTS, cheaper, base, Hypothesis.NON_INFERIORITY, 0));
    }

    @Test
    void pairingOnlyUsesRowsBothSidesHave() {
        List<RowOutcome> base = rows(100, 50, 30);
        Difference d = Differences.paired(RowMetric.ACCURACY, new Differences.Side(base.subList(0, 40), PRICES),
                new Differences.Side(base, PRICES), 0.95, BOOTSTRAP);
        assertEquals(40, d.n());
        assertTrue(d.paired());
    }

    @Test
    void unpairedIntervalsAreWiderThanPairedOnes() {
        List<RowOutcome> base = rows(400, 320, 30);
        List<RowOutcome> candidate = flipped(flipped(base, 318, 320), 320, 322);
        Differences.Side c = new Differences.Side(candidate, PRICES);
        Differences.Side b = new Differences.Side(base, PRICES);
        Difference paired = Differences.paired(RowMetric.ACCURACY, c, b, 0.95, BOOTSTRAP);
        Difference unpaired = Differences.unpaired(RowMetric.ACCURACY, c, b, 0.95, Bootstrap.withSeed(1));
        assertFalse(unpaired.paired());
        assertEquals(Differences.NEWCOMBE_UNPAIRED, unpaired.interval().method());
        assertTrue(unpaired.interval().width() > 3 * paired.interval().width(), paired + " vs " + unpaired);
        Difference welch = Differences.unpaired(RowMetric.PROMPT_TOKENS_MEAN, new Differences.Side(rows(200, 0, 40), PRICES),
                new Differences.Side(rows(200, 0, 30), PRICES), 0.95, Bootstrap.withSeed(1));
        assertEquals(10.0, welch.difference(), 1e-9);
        assertTrue(welch.interval().contains(10.0) && welch.interval().low() > 9, welch.toString());
    }
}
