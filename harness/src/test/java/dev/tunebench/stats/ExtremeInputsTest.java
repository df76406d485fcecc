package dev.tunebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's audit: every interval and detectable effect the summary reports, at 0 or n successes,
 * n = 1, every row discordant, all values equal and n up to 10^7, against values computed
 * independently in 60-digit decimals and scipy ({@code stats/make_interval_reference.py}).
 */
class ExtremeInputsTest {

    private static JsonNode reference;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = Objects.requireNonNull(
                ExtremeInputsTest.class.getResourceAsStream("/stats/interval-reference.json"))) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void wilsonIntervals() {
        for (JsonNode c : reference.get("wilson")) {
            Interval i = Proportions.wilson(c.get("k").asInt(), c.get("n").asInt());
            String where = "wilson " + c;
            close(c.get("low").asDouble(), i.low(), where);
            close(c.get("high").asDouble(), i.high(), where);
        }
    }

    @Test
    void newcombePairedIntervals() {
        for (JsonNode c : reference.get("newcombe")) {
            JsonNode k = c.get("counts");
            Interval i = PairedProportions.newcombeInterval(
                    new PairedCounts(k.get(0).asInt(), k.get(1).asInt(), k.get(2).asInt(), k.get(3).asInt()), 0.95);
            close(c.get("low").asDouble(), i.low(), "newcombe " + c);
            close(c.get("high").asDouble(), i.high(), "newcombe " + c);
        }
    }

    @Test
    void minimumDetectableEffects() {
        for (JsonNode c : reference.get("mde_paired")) {
            close(c.get("mde").asDouble(),
                    MinimumDetectableEffect.pairedBinary(c.get("n").asInt(), c.get("psi").asDouble()), "paired " + c);
        }
        for (JsonNode c : reference.get("mde_single")) {
            close(c.get("mde").asDouble(),
                    MinimumDetectableEffect.singleProportion(c.get("n").asInt(), c.get("rate").asDouble()), "single " + c);
        }
    }

    @Test
    void studentTIntervals() {
        for (JsonNode c : reference.get("student_t")) {
            double[] values = StreamSupport.stream(c.get("values").spliterator(), false)
                    .mapToDouble(JsonNode::asDouble).toArray();
            Interval i = StudentT.meanInterval(values, 0.95);
            close(c.get("low").asDouble(), i.low(), "t " + c);
            close(c.get("high").asDouble(), i.high(), "t " + c);
        }
        assertFalse(StudentT.meanInterval(new double[] {4}, 0.95).isDefined(), "one trial has no interval");
    }

    @Test
    void bootstrapOfOneRowOrEqualRowsIsThatValue() {
        Bootstrap bootstrap = Bootstrap.withSeed(7);
        for (double[] values : new double[][] {{2.5}, {3, 3, 3, 3}}) {
            for (Interval i : new Interval[] {bootstrap.meanInterval(values), bootstrap.percentileInterval(values, 99)}) {
                assertEquals(values[0], i.low(), 0.0);
                assertEquals(values[0], i.high(), 0.0);
            }
        }
        // Every difference equal and non-zero: the shifted resamples never reach it, so p is 1/(B + 1).
        PairedComparison equal = PairedComparisons.continuous(new double[] {1, 2, 3}, new double[] {2, 3, 4}, bootstrap);
        assertEquals(1.0 / 2_001, equal.pValue(), 1e-15);
        assertEquals(1.0, equal.interval().low(), 0.0);
        assertEquals(1.0, equal.interval().high(), 0.0);
    }

    @Test
    void pairedTestsWithNothingToCompareGiveOne() {
        assertEquals(1.0, McNemar.exactP(0, 0), 0.0);
        assertEquals(1.0, McNemar.midP(0, 0), 0.0);
        assertEquals(1.0, McNemar.exactP(0, 1), 0.0);
        assertEquals(0.5, McNemar.midP(0, 1), 1e-15);
    }

    private static void close(double expected, double actual, String where) {
        assertEquals(expected, actual, 1e-9 * Math.abs(expected) + 1e-15, where);
    }
}
