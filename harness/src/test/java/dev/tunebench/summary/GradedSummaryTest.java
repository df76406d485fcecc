package dev.tunebench.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.results.CorpusCounts;
import dev.tunebench.results.RunManifest;
import dev.tunebench.results.Sample;
import dev.tunebench.results.SampleSink;
import dev.tunebench.run.RunOptions;
import dev.tunebench.run.Shard;
import dev.tunebench.run.SuitePlanner;
import dev.tunebench.scoring.Bleu;
import dev.tunebench.scoring.Rouge;
import dev.tunebench.suite.SuiteLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graded scorers in summary.json: corpus BLEU from the rows' summed counts (not the mean of row figures)
 * with a bootstrap interval, a rouge mean with its interval, and paired comparisons of both.
 */
class GradedSummaryTest {
    private static final Path ROOT = Path.of(System.getProperty("tunebench.root", "..")).toAbsolutePath().normalize();
    private static final List<String> EXPECTED = List.of("The dog bit the man.", "It was not unexpected.",
            "The man bit him first.", "The cat sat on the mat.");
    private static final List<String> CANDIDATE = List.of("The dog bit the man.", "It wasn't surprising.",
            "The man had just bitten him.", "A cat sat on a mat.");
    private static final List<String> BASELINE = List.of("dog", "It was unexpected.", "man", "the mat");

    @Test
    void corpusBleuRougeMeansAndTheirPairedComparisons(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        StringBuilder data = new StringBuilder();
        EXPECTED.forEach(e -> data.append("{\"q\": \"say it\", \"a\": \"").append(e).append("\"}\n"));
        Files.writeString(dir.resolve("data.jsonl"), data);
        Path demo = ROOT.resolve("suites/demo/models");
        Files.writeString(dir.resolve("suite.yaml"), String.join("\n",
                "name: graded",
                "data: {eval: {path: data.jsonl, format: jsonl, input: q, expected: a}}",
                "models:",
                "  - {id: base, path: " + demo.resolve("base") + ", role: baseline}",
                "  - {id: tuned, path: " + demo.resolve("ckpt-epoch-4") + ", role: candidate}",
                "runner: {type: onnx}",
                "scorers:",
                "  - {name: bleu, type: bleu}",
                "  - {name: rougeL, type: rouge}",
                "  - {name: exact, type: exact}",
                ""));
        RunManifest started = SuitePlanner.manifest(SuiteLoader.load(dir.resolve("suite.yaml")),
                new RunOptions(List.of(), List.of(), 0, Shard.ALL, false), "test", "test", Instant.EPOCH);
        RunManifest manifest = started.finished(Instant.EPOCH.toString(), true, List.of(), started.runner(), started.models());
        assertEquals("bleu", manifest.suite().scorers().get("bleu"));

        Bleu bleu = new Bleu();
        long[] summed = new long[10];
        double sentenceMean = 0;
        SampleSink sink = new SampleSink(run);
        for (String model : List.of("base", "tuned")) {
            List<String> answers = model.equals("base") ? BASELINE : CANDIDATE;
            for (int i = 0; i < EXPECTED.size(); i++) {
                long[] counts = bleu.statistics(answers.get(i), List.of(EXPECTED.get(i)));
                Map<String, Double> scores = new LinkedHashMap<>();
                scores.put("bleu", bleu.sentenceScore(counts));
                scores.put("rougeL", Rouge.score("rougeL", EXPECTED.get(i), answers.get(i), false).fmeasure());
                scores.put("exact", answers.get(i).equals(EXPECTED.get(i)) ? 1.0 : 0.0);
                if (model.equals("tuned")) {
                    for (int k = 0; k < counts.length; k++) {
                        summed[k] += counts[k];
                    }
                    sentenceMean += scores.get("bleu") / EXPECTED.size();
                }
                sink.write(new Sample(model, "as-is", i, "data.jsonl:" + (i + 1), 0, "p", "", answers.get(i), answers.get(i),
                        EXPECTED.get(i), scores, null, null, null, null, 10, 5, "eos", 1.0, 2.0, 0.5, null, null, null,
                        null, Map.of("bleu", new CorpusCounts(bleu.id(), counts))));
            }
        }
        sink.close();

        JsonNode summary = SummaryBuilder.build(run, manifest);
        JsonNode tuned = summary.get("results").get(1).get("metrics");
        JsonNode corpus = tuned.get("bleu");
        assertEquals(bleu.corpusScore(summed), corpus.get("value").asDouble(), 1e-12);
        assertNotEquals(sentenceMean, corpus.get("value").asDouble(), 1e-3, "corpus BLEU is not the mean of row BLEU");
        assertEquals(4, corpus.get("n").asInt());
        assertTrue(corpus.get("ci_low").asDouble() <= corpus.get("value").asDouble()
                && corpus.get("value").asDouble() <= corpus.get("ci_high").asDouble(), corpus.toString());
        assertEquals("bootstrap-percentile", corpus.get("method").asText());
        assertTrue(tuned.has("rougeL"));
        assertFalse(tuned.has("exact"), "pass/fail scorers stay out of the metrics");

        JsonNode bleuComparison = null;
        JsonNode rougeComparison = null;
        for (JsonNode c : summary.get("comparisons")) {
            if (c.get("metric").asText().equals("bleu")) {
                bleuComparison = c;
            } else if (c.get("metric").asText().equals("rougeL")) {
                rougeComparison = c;
            }
        }
        assertEquals("paired-bootstrap", bleuComparison.get("test").asText());
        assertEquals(corpus.get("value").asDouble(), bleuComparison.get("value_b").asDouble(), 1e-12);
        assertEquals(summary.get("results").get(0).get("metrics").get("bleu").get("value").asDouble(),
                bleuComparison.get("value_a").asDouble(), 1e-12);
        assertTrue(bleuComparison.get("difference").asDouble() > 0);
        assertEquals("wilcoxon-signed-rank", rougeComparison.get("test").asText());
        assertEquals(tuned.get("rougeL").get("value").asDouble(), rougeComparison.get("value_b").asDouble(), 1e-12);
    }
}
