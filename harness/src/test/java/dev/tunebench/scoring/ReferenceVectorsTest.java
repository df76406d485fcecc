package dev.tunebench.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The expected values of sacreBLEU's and rouge-score's own test suites (src/test/resources/reference, with
 * the scripts that copied them and their sources), reproduced by {@link Bleu}, {@link ChrF} and {@link Rouge}.
 */
class ReferenceVectorsTest {

    private static JsonNode load(String name) throws IOException {
        try (InputStream in = ReferenceVectorsTest.class.getResourceAsStream("/reference/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    /** Per hypothesis i, its references: the i-th line of every reference stream. */
    private static long[] corpusCounts(CorpusMetric metric, JsonNode c) {
        List<String> hyps = strings(c.get("hyps"));
        long[] sum = null;
        for (int i = 0; i < hyps.size(); i++) {
            List<String> refs = new ArrayList<>();
            for (JsonNode stream : c.get("refs")) {
                refs.add(stream.get(i).asText());
            }
            long[] row = metric.statistics(hyps.get(i), refs);
            if (sum == null) {
                sum = new long[row.length];
            }
            for (int k = 0; k < row.length; k++) {
                sum[k] += row[k];
            }
        }
        return sum;
    }

    @TestFactory
    Stream<DynamicTest> sacreBleuCorpusBleu() throws IOException {
        JsonNode root = load("sacrebleu.json");
        List<DynamicTest> tests = new ArrayList<>();
        root.get("bleu_corpus").forEach(c -> tests.add(DynamicTest.dynamicTest(c.get("test").asText(), () -> {
            Bleu bleu = new Bleu();
            assertEquals(c.get("score").asDouble(), 100 * bleu.corpusScore(corpusCounts(bleu, c)), c.get("eps").asDouble());
        })));
        root.get("bleu_sentence").forEach(c -> tests.add(DynamicTest.dynamicTest(c.get("test").asText(), () -> {
            Bleu bleu = new Bleu();
            long[] stats = bleu.statistics(c.get("hyp").asText(), strings(c.get("refs")));
            assertEquals(c.get("score").asDouble(), 100 * bleu.sentenceScore(stats), c.get("eps").asDouble());
        })));
        root.get("bleu_statistics").forEach(c -> tests.add(DynamicTest.dynamicTest(c.get("test").asText(), () -> {
            long[] stats = new Bleu().statistics(c.get("hyp").asText(), List.of(c.get("ref").asText()));
            assertArrayEquals(longs(c.get("correct")), java.util.Arrays.copyOfRange(stats, 2, 6));
            assertArrayEquals(longs(c.get("total")), java.util.Arrays.copyOfRange(stats, 6, 10));
        })));
        root.get("bleu_scoring").forEach(c -> tests.add(DynamicTest.dynamicTest(c.get("test").asText(), () -> {
            long[] stats = new long[10];
            stats[0] = c.get("sys_len").asLong();
            stats[1] = c.get("ref_len").asLong();
            System.arraycopy(longs(c.get("correct")), 0, stats, 2, 4);
            System.arraycopy(longs(c.get("total")), 0, stats, 6, 4);
            assertEquals(c.get("score").asDouble(), 100 * new Bleu().corpusScore(stats), c.get("eps").asDouble());
        })));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> sacreBleuChrF() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        load("sacrebleu.json").get("chrf").forEach(c -> tests.add(DynamicTest.dynamicTest(
                c.get("test").asText() + " " + c.get("hyps"), () -> {
                    ChrF chrf = new ChrF(c.get("beta").asInt(), c.get("eps_smoothing").asBoolean());
                    assertEquals(c.get("score").asDouble(), 100 * chrf.corpusScore(corpusCounts(chrf, c)),
                            c.get("eps").asDouble());
                })));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> rougeScore() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        load("rouge-score.json").get("cases").forEach(c -> tests.add(DynamicTest.dynamicTest(
                c.get("test").asText() + " " + c.get("variant").asText(), () -> {
                    Rouge.Result r = Rouge.score(c.get("variant").asText(), c.get("target").asText(),
                            c.get("prediction").asText(), c.get("stemming").asBoolean());
                    // assertAlmostEqual(places=k): round(expected - actual, k) == 0.
                    double tolerance = 0.5 * Math.pow(10, -c.get("places").asInt());
                    assertEquals(c.get("precision").asDouble(), r.precision(), tolerance, "precision");
                    assertEquals(c.get("recall").asDouble(), r.recall(), tolerance, "recall");
                    assertEquals(c.get("fmeasure").asDouble(), r.fmeasure(), tolerance, "fmeasure");
                })));
        return tests.stream();
    }
}
