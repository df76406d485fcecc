package dev.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * suites/open-ended end to end on the demo models (its first 16 rows): rouge, chrf, bleu, edit_distance and
 * embedding_similarity in samples, summary, reports and gates.
 */
class OpenEndedSuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> GRADED = List.of("rougeL", "rouge1", "chrf", "bleu", "edit_similarity", "meaning");

    @TempDir
    static Path tmp;
    static Path run;
    static Cli result;

    @BeforeAll
    static void runSuite() {
        run = tmp.resolve("run");
        result = Cli.run("run", Cli.root().resolve("suites/open-ended/summaries.yaml").toString(), "--limit", "16",
                "--out", run.toString());
    }

    @Test
    void samplesCarryEveryScoreAndTheCorpusCounts() throws Exception {
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = Files.readAllLines(run.resolve("samples.jsonl"));
        assertEquals(2 * 2 * 16, lines.size());
        for (String line : lines) {
            JsonNode s = JSON.readTree(line);
            assertEquals(GRADED, iterate(s.get("scores").fieldNames()), line);
            assertEquals("chrf:beta=2", s.at("/corpus_stats/chrf/metric").asText(), line);
            assertEquals(18, s.at("/corpus_stats/chrf/counts").size(), line);
            assertEquals(10, s.at("/corpus_stats/bleu/counts").size(), line);
            double meaning = s.at("/scores/meaning").asDouble();
            assertTrue(meaning >= -1 && meaning <= 1, line);
        }
    }

    @Test
    void theSummaryReportsEachGradedScorerWithAnIntervalAndComparesThem() throws Exception {
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        for (JsonNode r : summary.get("results")) {
            for (String scorer : GRADED) {
                JsonNode m = r.at("/metrics/" + scorer);
                assertEquals(16, m.get("n").asInt(), scorer + " " + r);
                assertTrue(m.get("ci_low").asDouble() <= m.get("value").asDouble()
                        && m.get("value").asDouble() <= m.get("ci_high").asDouble(), scorer + " " + m);
            }
            // Means of row values match the per-scorer means; corpus figures need not.
            assertEquals(r.at("/scores/rougeL/value").asDouble(), r.at("/metrics/rougeL/value").asDouble(), 1e-12);
        }
        long corpusComparisons = 0;
        for (JsonNode c : summary.get("comparisons")) {
            if (List.of("chrf", "bleu").contains(c.get("metric").asText())) {
                assertEquals("paired-bootstrap", c.get("test").asText(), c.toString());
                corpusComparisons++;
            }
        }
        assertEquals(2 * 4, corpusComparisons, "chrf and bleu in each of the 4 comparisons");
    }

    @Test
    void thresholdAndRelativeGatesDecideOnGradedScorers() throws Exception {
        Cli gate = Cli.run("gate", run.toString());
        assertEquals(0, gate.exitCode(), gate.out() + gate.err());
        JsonNode decision = JSON.readTree(run.resolve("gate.json").toFile());
        String text = decision.toString();
        assertTrue(text.contains("ckpt-epoch-4/as-is chrf >= 0.1"), text);
        assertTrue(text.contains("paired-bootstrap"), "the relative chrf gate is decided by paired bootstrap: " + text);
        assertTrue(gate.out().contains("GO"), gate.out());
    }

    @Test
    void theReportsListTheGradedScorers() throws Exception {
        String md = Files.readString(run.resolve("summary.md"));
        for (String scorer : GRADED) {
            assertTrue(md.contains(scorer.replace("_", "\\_")), scorer + " in summary.md");
        }
    }

    @Test
    void anEmbeddingModelFolderThatIsNotThereIsAnInputError() throws Exception {
        Path suite = tmp.resolve("broken.yaml");
        Files.writeString(suite, Files.readString(Cli.root().resolve("suites/open-ended/summaries.yaml"))
                .replace("model: models/embedder", "model: models/nowhere")
                .replace("path: data/test.jsonl", "path: " + Cli.root().resolve("suites/open-ended/data/test.jsonl"))
                .replace("path: ../demo/models/", "path: " + Cli.root().resolve("suites/demo/models") + "/"));
        Cli validate = Cli.run("validate", suite.toString());
        assertEquals(2, validate.exitCode(), validate.out() + validate.err());
        assertTrue(validate.err().contains("model: folder"), validate.err());
        assertTrue(validate.err().contains("models/nowhere does not exist"), validate.err());
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
