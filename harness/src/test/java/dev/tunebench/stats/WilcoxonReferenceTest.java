package dev.tunebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The signed-rank test against committed reference values ({@code stats/make_wilcoxon_reference.py}):
 * the exact p from exact integer counts, checked there against scipy's exact test and a full
 * enumeration of sign patterns, and the normal approximation from scipy. Every case is compared with
 * the method tunebench picked, to a relative error of 1e-9 in p (1e-9 in ln p).
 */
class WilcoxonReferenceTest {

    @Test
    void everyReferenceCaseMatches() throws IOException {
        JsonNode cases;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/stats/wilcoxon-reference.json"))) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
        int exact = 0;
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            WilcoxonSignedRank.Result result = WilcoxonSignedRank.test(doubles(c.get("a")), doubles(c.get("b")));
            JsonNode exactLogP = c.get("exact_log_p");
            assertEquals(!exactLogP.isNull(), result.exact(), name + ": exact or normal");
            double expected = result.exact() ? exactLogP.asDouble() : c.get("normal_log_p").asDouble();
            assertEquals(expected, result.logP(), 1e-9 * Math.max(1, -expected), name);
            if (expected < Math.log(Double.MIN_NORMAL)) {
                assertTrue(PValues.belowDoubleRange(result.pValue()), name);
            } else {
                assertEquals(Math.exp(expected), result.pValue(), 1e-9 * Math.exp(expected), name);
            }
            exact += result.exact() ? 1 : 0;
        }
        assertEquals(84, cases.size());
        assertTrue(exact > 70, "exact cases: " + exact);
    }

    @Test
    void allDifferencesEqualIsTheSmallestPossibleP() {
        // n equal positive differences: one sign pattern of 2^n is as extreme on each side.
        double[] a = new double[40];
        double[] b = new double[40];
        java.util.Arrays.fill(b, 3);
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(a, b);
        assertTrue(r.exact());
        assertEquals(Math.scalb(1.0, -39), r.pValue(), 1e-9 * Math.scalb(1.0, -39));
    }

    @Test
    void noNonZeroDifferenceOrOneRowGivesOne() {
        assertEquals(1.0, WilcoxonSignedRank.test(new double[] {1, 2}, new double[] {1, 2}).pValue(), 0.0);
        assertEquals(1.0, WilcoxonSignedRank.test(new double[] {1}, new double[] {5}).pValue(), 0.0);
        assertEquals(0, WilcoxonSignedRank.test(new double[0], new double[0]).n());
    }

    @Test
    void aHundredThousandRowsStayFastAndNeverZero() {
        int n = 100_000;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i % 37;
            b[i] = a[i] + 1 + i % 5;
        }
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(a, b);
        assertFalse(r.exact());
        assertTrue(PValues.belowDoubleRange(r.pValue()));
        assertTrue(r.logP() < -10_000, "ln p " + r.logP());
    }

    private static double[] doubles(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
    }
}
