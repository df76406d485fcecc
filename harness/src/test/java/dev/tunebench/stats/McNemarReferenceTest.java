package dev.tunebench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * Exact McNemar p-values against exact integer arithmetic: the committed table from Python's integers
 * and fractions ({@code stats/make_mcnemar_reference.py}), and every discordant split up to n = 2,000
 * against BigInteger sums computed here. Relative error ≤ 1e-9 wherever p is a normal double; below
 * that, the smallest positive double and the true log10 p.
 */
class McNemarReferenceTest {

    private static final double RELATIVE = 1e-9;

    @Test
    void matchesThePythonFractionsTable() throws IOException {
        int checked = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("/stats/mcnemar-reference.tsv")), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                int n = Integer.parseInt(f[0]);
                int k = Integer.parseInt(f[1]);
                String where = "n=" + n + " k=" + k;
                assertP(f[2], McNemar.exactP(k, n - k), where + " exact");
                assertP(f[2], McNemar.exactP(n - k, k), where + " exact, sides swapped");
                assertP(f[4], McNemar.midP(k, n - k), where + " mid-p");
                double log10 = Double.parseDouble(f[3]);
                assertEquals(log10, PValues.log10(McNemar.logExactP(k, n - k)), 1e-9 * Math.max(1, -log10), where);
                checked++;
            }
        }
        assertEquals(6472, checked);
    }

    @Test
    void everyDiscordantSplitUpToTwoThousandMatchesBigIntegerSums() {
        // Pascal's triangle, half a row at a time: C(n, k) = C(n-1, k-1) + C(n-1, k).
        BigInteger[] row = {BigInteger.ONE};
        for (int n = 1; n <= 2000; n++) {
            BigInteger[] next = new BigInteger[n / 2 + 1];
            next[0] = BigInteger.ONE;
            for (int k = 1; k < next.length; k++) {
                // C(n-1, k) for k > (n-1)/2 is C(n-1, n-1-k), held in the first half.
                next[k] = row[k - 1].add(row[Math.min(k, n - 1 - k)]);
            }
            row = next;
            BigInteger cumulative = BigInteger.ZERO;
            for (int k = 0; 2 * k <= n; k++) {
                cumulative = cumulative.add(row[k]);
                double actual = McNemar.exactP(k, n - k);
                if (2 * k == n) {
                    assertEquals(1.0, actual, 0.0);
                    continue;
                }
                // 2 · cumulative / 2^n from its top 120 bits (the rest moves it by < 1e-36, relative),
                // so the double neither overflows nor loses precision; scalb by a power of two is exact.
                int drop = Math.max(0, cumulative.bitLength() - 120);
                double expected = Math.min(1, Math.scalb(cumulative.shiftRight(drop).doubleValue(), drop + 1 - n));
                if (expected < Double.MIN_NORMAL && PValues.belowDoubleRange(actual)) {
                    continue;
                }
                if (Math.abs(actual - expected) > RELATIVE * expected) {
                    fail("n=" + n + " k=" + k + ": " + actual + " vs exact " + expected);
                }
            }
        }
    }

    @Test
    void theIssueExampleIsExactInTheSixthDigitAndTheTailIsNeverZero() {
        // Issue 17's example: 21 vs 93 discordant rows, exact p 5.312398934140964e-12 (Python fractions);
        // commons-math3 gave 5.312417e-12.
        assertEquals(5.312398934140964e-12, McNemar.exactP(21, 93), 5.312398934140964e-12 * RELATIVE);
        // 0 of 70 discordant rows the other way: 2 / 2^70 exactly, where commons-math3 gave 0.
        assertEquals(Math.scalb(1.0, -69), McNemar.exactP(0, 70), Math.scalb(1.0, -69) * RELATIVE);
        assertTrue(McNemar.exactP(0, 1_000_000) > 0);
        assertTrue(PValues.belowDoubleRange(McNemar.exactP(0, 1_000_000)));
        // ln p = ln 2 - 10^6 ln 2 exactly.
        assertEquals((1 - 1_000_000) * Math.log(2), McNemar.logExactP(0, 1_000_000), 1e-6);
    }

    @Test
    void largeTablesStayPreciseNearTheCentre() {
        // Odd n: P(X <= (n-1)/2) = 1/2 exactly, so p = 1 there and 1 - 2 P(X = k) one step out; the
        // point probability here comes from log-gamma, a route independent of the saddle-point form.
        int n = 100_001;
        int k = (n - 1) / 2;
        double centreTerm = Math.exp(Gamma.logGamma(n + 1.0) - Gamma.logGamma(k + 1.0) - Gamma.logGamma(n - k + 1.0)
                - n * Math.log(2));
        assertEquals(1.0, McNemar.exactP(k, n - k), 1e-12);
        assertEquals(1 - 2 * centreTerm, McNemar.exactP(k - 1, n - k + 1), 1e-9);
    }

    private static void assertP(String expected, double actual, String where) {
        if (expected.equals("below")) {
            assertTrue(PValues.belowDoubleRange(actual), where + " gave " + actual);
            return;
        }
        double e = Double.parseDouble(expected);
        if (Math.abs(actual - e) > RELATIVE * e) {
            fail(where + ": " + actual + " vs exact " + e);
        }
    }
}
