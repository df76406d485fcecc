package dev.tunebench.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.scoring.LabelMetrics.ClassMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelMetricsTest {
    private static final double EPS = 1e-12;

    /**
     * Hand-computed. Pairs (expected → predicted): a→a, a→a, a→b, a→unparsed, b→b, b→a, c→c, c→d.
     * Classes a, b, c, d (d only predicted). Matrix rows a [2 1 0 0], b [1 1 0 0], c [0 0 1 1], d [0 0 0 0].
     * n 8, correct 4, accuracy 0.5. a: P 2/3, R 2/4, F1 4/7; b: P 1/2, R 1/2, F1 1/2; c: P 1, R 1/2, F1 2/3;
     * d: P 0 (predicted once, wrongly), R 0, support 0, left out of macro-F1 = (4/7 + 1/2 + 2/3) / 3 = 73/126.
     */
    private static LabelMetrics example() {
        return LabelMetrics.accumulator()
                .add("a", "a").add("c", "d").add("a", "b").add("b", "b")
                .add("a", null).add("b", "a").add("c", "c").add("a", "a")
                .result();
    }

    @Test
    void confusionMatrixOverSortedClasses() {
        LabelMetrics m = example();
        assertEquals(List.of("a", "b", "c", "d"), m.classes());
        assertArrayEquals(new long[][] {{2, 1, 0, 0}, {1, 1, 0, 0}, {0, 0, 1, 1}, {0, 0, 0, 0}}, m.confusion());
        assertArrayEquals(new long[] {1, 0, 0, 0}, m.unparsedByClass());
        assertEquals(8, m.n());
        assertEquals(1, m.unparsed());
        assertEquals(4, m.correct());
        assertEquals(1, m.count("c", "d"));
        assertEquals(0, m.count("c", "zzz"));
    }

    @Test
    void perClassAccuracyAndMacroF1() {
        LabelMetrics m = example();
        assertEquals(0.5, m.accuracy(), EPS);
        List<ClassMetrics> perClass = m.perClass();
        assertClass(perClass.get(0), "a", 2.0 / 3, 0.5, 4.0 / 7, 4, 3);
        assertClass(perClass.get(1), "b", 0.5, 0.5, 0.5, 2, 2);
        assertClass(perClass.get(2), "c", 1.0, 0.5, 2.0 / 3, 2, 1);
        assertClass(perClass.get(3), "d", 0.0, 0.0, 0.0, 0, 1);
        assertEquals(73.0 / 126, m.macroF1(), EPS);
    }

    @Test
    void neverPredictedClassHasPrecisionZero() {
        LabelMetrics m = LabelMetrics.accumulator().add("x", null).add("y", "y").result();
        assertClass(m.perClass().get(0), "x", 0.0, 0.0, 0.0, 1, 0);
        assertEquals(0.5, m.macroF1(), EPS);
        assertEquals(0.5, m.accuracy(), EPS);
    }

    @Test
    void emptyHasUndefinedAverages() {
        LabelMetrics m = LabelMetrics.accumulator().result();
        assertEquals(0, m.n());
        assertTrue(Double.isNaN(m.accuracy()));
        assertTrue(Double.isNaN(m.macroF1()));
    }

    @Test
    void growsPastItsInitialCapacityAndAcceptsScores() {
        LabelMetrics.Accumulator acc = LabelMetrics.accumulator();
        for (int i = 0; i < 20; i++) {
            acc.add(new Score(1.0, "c" + i, "", "c" + i, "c" + i));
            acc.add("c" + i, "c" + ((i + 1) % 20));
        }
        LabelMetrics m = acc.result();
        assertEquals(20, m.classes().size());
        assertEquals(40, m.n());
        assertEquals(0.5, m.accuracy(), EPS);
        assertEquals(1, m.count("c19", "c0"));
        assertThrows(IllegalArgumentException.class, () -> acc.add(Score.pass("x")));
    }

    @Test
    void isImmutableAndComparedByValue() {
        LabelMetrics m = example();
        m.confusion()[0][0] = 99;
        m.unparsedByClass()[0] = 99;
        assertEquals(2, m.count("a", "a"));
        assertEquals(example(), m);
        assertEquals(example().hashCode(), m.hashCode());
        long[][] matrix = {{1}};
        LabelMetrics copy = new LabelMetrics(List.of("a"), matrix, new long[] {0});
        matrix[0][0] = 5;
        assertEquals(1, copy.count("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> new LabelMetrics(List.of("a"), new long[][] {{1, 2}}, new long[1]));
    }

    private static void assertClass(ClassMetrics c, String label, double p, double r, double f1, long support, long predicted) {
        assertEquals(label, c.label());
        assertEquals(p, c.precision(), EPS, label + " precision");
        assertEquals(r, c.recall(), EPS, label + " recall");
        assertEquals(f1, c.f1(), EPS, label + " f1");
        assertEquals(support, c.support(), label + " support");
        assertEquals(predicted, c.predicted(), label + " predicted");
    }
}
