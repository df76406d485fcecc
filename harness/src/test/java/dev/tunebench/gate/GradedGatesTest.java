package dev.tunebench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.results.CorpusCounts;
import dev.tunebench.results.RunManifest;
import dev.tunebench.scoring.ChrF;
import dev.tunebench.spi.InputException;
import dev.tunebench.stats.Bootstrap;
import dev.tunebench.stats.PairedComparisons;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Relative gates on graded scorers: a mean scorer paired by bootstrap, a corpus scorer by paired bootstrap. */
class GradedGatesTest {
    private static final RunManifest.ModelEntry PRICES = new RunManifest.ModelEntry("m", "candidate", "m", null, null,
            List.of(), Map.of(), 0, 0);
    private static final GateRules.Names NAMES = new GateRules.Names(new LinkedHashSet<>(List.of("base", "tuned")),
            new LinkedHashSet<>(List.of("as-is")), "base", Set.of("chrf", "rougeL"));
    private static final ChrF CHRF = new ChrF(2, false);
    private static final String[] EXPECTED = {"refund issue with the remote", "delivery issue with the console",
            "account issue with the monitor", "billing issue with the headset"};

    private static List<RowOutcome> rows(String... answers) {
        List<RowOutcome> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String expected = EXPECTED[i % EXPECTED.length];
            String answer = answers[i % answers.length].replace("$", expected);
            long[] counts = CHRF.statistics(answer, List.of(expected));
            out.add(new RowOutcome(i, 0, null, null, 10, 5, 1.0, false,
                    Map.of("chrf", CHRF.sentenceScore(counts), "rougeL", answer.equals(expected) ? 1.0 : 0.2),
                    Map.of("chrf", new CorpusCounts(CHRF.id(), counts))));
        }
        return out;
    }

    @Test
    void gradedScorersAreMetricsOfRelativeGatesAndUnknownNamesListThem() throws Exception {
        List<GateRule> rules = GateRules.parse(new ObjectMapper().readTree(
                "[{\"model\": \"tuned\", \"technique\": \"as-is\", \"metric\": \"chrf\", \"against\": \"baseline\"}]"),
                "suite.yaml", NAMES);
        GateRule.Relative r = assertInstanceOf(GateRule.Relative.class, rules.get(0));
        assertEquals(new ScorerMetric("chrf"), r.rowMetric());
        InputException e = assertThrows(InputException.class, () -> GateRules.parse(new ObjectMapper().readTree(
                "[{\"model\": \"tuned\", \"technique\": \"as-is\", \"metric\": \"chrff\", \"against\": \"baseline\"}]"),
                "suite.yaml", NAMES));
        assertTrue(e.getMessage().contains("did you mean 'chrf'"), e.getMessage());
        assertTrue(e.getMessage().contains("latency_ms_mean, chrf, rougeL"), e.getMessage());
    }

    @Test
    void aCorpusScorerIsComparedByPairedBootstrapOfTheCorpusFigure() {
        List<RowOutcome> base = rows("issue", "$ please", "the thing");
        List<RowOutcome> tuned = rows("$", "$", "$ please");
        Difference d = Differences.paired(new ScorerMetric("chrf"), new Differences.Side(tuned, PRICES),
                new Differences.Side(base, PRICES), 0.95, Bootstrap.withSeed(3));
        assertEquals(PairedComparisons.PAIRED_BOOTSTRAP, d.test());
        assertEquals(40, d.n());
        assertTrue(d.difference() > 0.3 && d.interval().low() > 0, d.toString());
        long[] sum = new long[18];
        for (RowOutcome row : tuned) {
            long[] c = row.corpus().get("chrf").counts();
            for (int k = 0; k < sum.length; k++) {
                sum[k] += c[k];
            }
        }
        assertEquals(CHRF.corpusScore(sum), d.candidate(), 1e-12);
        assertEquals(Outcome.PASS, Hypothesis.SUPERIORITY.decide(d.interval(), 0));

        Difference unpaired = Differences.unpaired(new ScorerMetric("chrf"), new Differences.Side(tuned, PRICES),
                new Differences.Side(base.subList(0, 30), PRICES), 0.95, Bootstrap.withSeed(3));
        assertFalse(unpaired.paired());
        assertTrue(unpaired.interval().low() > 0, unpaired.toString());
    }

    @Test
    void aMeanScorerIsComparedByPairedBootstrapOfTheMean() {
        Difference d = Differences.paired(new ScorerMetric("rougeL"), new Differences.Side(rows("$", "$ please"), PRICES),
                new Differences.Side(rows("$ please"), PRICES), 0.95, Bootstrap.withSeed(3));
        assertEquals(PairedComparisons.PAIRED_BOOTSTRAP, d.test());
        assertEquals(0.4, d.difference(), 1e-12);
    }
}
