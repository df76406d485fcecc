package dev.tunebench.datacheck;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelSharesTest {
    @Test
    void aJsonObjectsOnlyFieldIsTheLabel() {
        LabelShares shares = LabelShares.of(answers("{\"intent\": \"refund\"}", 3, "{\"intent\": \"delivery\"}", 1));
        assertEquals(List.of("refund", "delivery"), shares.labels());
        assertEquals(0.75, shares.share("refund"), 1e-12);
    }

    @Test
    void mostlyUniqueAnswersAreNotClassification() {
        List<Example> free = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            free.add(new Example(i + 1, List.of(), "q" + i, "a free answer number " + i));
        }
        assertNull(LabelShares.of(free));
    }

    /**
     * 60/40 against 40/60 on 100 rows each: chi-square 8.0 with 1 degree of freedom, p = 0.004678 (the
     * chi-square survival function at 8, e.g. scipy.stats.chi2.sf(8, 1)); total variation 0.2.
     */
    @Test
    void aShiftedDistributionIsFlagged() {
        LabelShares train = LabelShares.of(answers("yes", 60, "no", 40));
        LabelShares validation = LabelShares.of(answers("yes", 40, "no", 60));
        LabelShares.Comparison c = train.compare(validation);
        assertEquals(0.2, c.totalVariation(), 1e-12);
        assertEquals(0.004677734981047, c.pValue(), 1e-9);
        assertTrue(c.differs());
    }

    @Test
    void theSameDistributionIsNotFlagged() {
        LabelShares a = LabelShares.of(answers("yes", 60, "no", 40));
        LabelShares b = LabelShares.of(answers("yes", 30, "no", 20));
        assertFalse(a.compare(b).differs());
        assertEquals(0, a.compare(b).totalVariation(), 1e-12);
    }

    private static List<Example> answers(String a, int na, String b, int nb) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < na + nb; i++) {
            out.add(new Example(i + 1, List.of(), "q" + i, i < na ? a : b));
        }
        return out;
    }
}
