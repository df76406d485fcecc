package dev.tunebench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.TextEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graded scorers as a suite declares them: parameters, errors and values. */
class GradedScorersTest {

    private static Scorer create(String type, Map<String, Object> params) {
        return Scorers.create(new ScorerSpec("s", type, params, "suite.yaml: scorers[0]"));
    }

    @Test
    void rougeDefaultsToRougeLWithoutStemmingAndScoresTheFMeasure() {
        Scorer rouge = create("rouge", Map.of());
        assertEquals(0.8, rouge.score("testing one", "testing one two").value(), 1e-12);
        Scorer stemmed = create("rouge", Map.of("variant", "rouge1", "stemming", true));
        // Stemmed: the ticket were refund / ticket was refund: 2 shared of 4 and 3 words.
        assertEquals(4.0 / 7, stemmed.score("the tickets were refunded", "ticket was refunding").value(), 1e-12);
        assertEquals(0.0, create("rouge", Map.of("variant", "rouge1")).score("the tickets were refunded",
                "ticket was refunding").value());
        assertTrue(Scorers.isGraded("rouge") && Scorers.isGraded("bleu") && !Scorers.isGraded("exact"));
    }

    @Test
    void anUnknownRougeVariantNamesTheFieldAndTheChoices() {
        InputException e = assertThrows(InputException.class, () -> create("rouge", Map.of("variant", "rougeX")));
        assertEquals("suite.yaml: scorers[0]: variant: unknown ROUGE variant 'rougeX'; expected rouge1, rouge2 "
                + "(any rouge1..rouge9), rougeL or rougeLsum", e.getMessage());
    }

    @Test
    void bleuRowsScoreSentenceBleuAndKeepTheirCounts() {
        CorpusScorer bleu = (CorpusScorer) create("bleu", Map.of());
        // sacreBLEU's test_sentence_bleu vector (exp smoothing, effective order): 8.493.
        Score s = bleu.score("Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;",
                "producţia de zahăr brut se exprimă în zahăr alb;");
        assertEquals(0.08493, s.value(), 1e-5);
        assertEquals("bleu", bleu.metric().id());
        assertThrows(InputException.class, () -> create("bleu", Map.of("beta", 2)));
    }

    @Test
    void chrfTakesBetaAndRejectsZero() {
        CorpusScorer chrf = (CorpusScorer) create("chrf", Map.of("beta", 3));
        assertEquals("chrf:beta=3", chrf.metric().id());
        assertEquals(new ChrF(3, false), CorpusMetric.parse("chrf:beta=3").orElseThrow());
        assertEquals(new ChrF(2, true), CorpusMetric.parse("chrf:beta=2,eps").orElseThrow());
        assertTrue(CorpusMetric.parse("chrf++").isEmpty());
        assertEquals(1.0, chrf.score("Niemand hat die Absicht", "Niemand hat die Absicht").value(), 1e-12);
        InputException e = assertThrows(InputException.class, () -> create("chrf", Map.of("beta", 0)));
        assertTrue(e.getMessage().contains("beta: must be a whole number >= 1"), e.getMessage());
    }

    @Test
    void editDistanceIsOneMinusLevenshteinOverTheLongerText() {
        Scorer ed = create("edit_distance", Map.of());
        // kitten → sitting: 3 edits (Levenshtein 1966's textbook example), 7 characters.
        assertEquals(1 - 3.0 / 7, ed.score("kitten", "sitting").value(), 1e-12);
        assertEquals(1.0, ed.score("  ", "").value());
        assertEquals(0.0, ed.score("abc", "").value());
        assertEquals(1 - 1.0 / 3, ed.score("Abc", "abc").value(), 1e-12);
        assertEquals(1.0, create("edit_distance", Map.of("ignore_case", true)).score("Abc", "abc").value());
    }

    @Test
    void embeddingSimilarityIsTheCosineOfTheTwoEmbeddings() {
        List<List<String>> asked = new ArrayList<>();
        TextEmbedder fake = texts -> {
            asked.add(texts);
            return texts.stream().map(t -> switch (t) {
                case "a" -> new float[]{1, 0};
                case "b" -> new float[]{1, 1};
                case "c" -> new float[]{-2, 0};
                default -> new float[]{0, 0};
            }).toList();
        };
        EmbeddingScorer scorer = new EmbeddingScorer("meaning", fake);
        assertEquals(Math.sqrt(0.5), scorer.score("a", "b").value(), 1e-12);
        assertEquals(-1.0, scorer.score("a", "c").value(), 1e-12);
        assertEquals(0.0, scorer.score("", "a").value(), "an all-zero embedding has no direction");
        assertEquals(List.of("a", "b"), asked.get(0));
    }

    @Test
    void embeddingSimilarityNeedsAnExistingModelFolder(@TempDir Path dir) {
        InputException missing = assertThrows(InputException.class,
                () -> Scorers.create(new ScorerSpec("m", "embedding_similarity", Map.of(), "s.yaml: scorers[2]"), dir));
        assertTrue(missing.getMessage().startsWith("s.yaml: scorers[2]: model: missing"), missing.getMessage());
        InputException absent = assertThrows(InputException.class, () -> Scorers.create(
                new ScorerSpec("m", "embedding_similarity", Map.of("model", "nowhere"), "s.yaml: scorers[2]"), dir));
        assertTrue(absent.getMessage().contains("nowhere does not exist"), absent.getMessage());
        InputException opened = assertThrows(InputException.class, () -> EmbeddingScorer.from(
                new Params(new ScorerSpec("m", "embedding_similarity", Map.of("model", "."), "s.yaml: scorers[2]"),
                        ScorerType.EMBEDDING_SIMILARITY), dir, folder -> {
                    throw new InputException(folder + ": no model.onnx");
                }));
        assertTrue(opened.getMessage().startsWith("s.yaml: scorers[2]: model: "), opened.getMessage());
        assertTrue(opened.getMessage().endsWith(": no model.onnx"), opened.getMessage());
    }
}
