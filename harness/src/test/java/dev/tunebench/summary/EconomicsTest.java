package dev.tunebench.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The economics on figures small enough to check by hand (worked in each test's comment). */
class EconomicsTest {

    /**
     * base/few-shot (accuracy 0.8, 400 prompt tokens, 0.25 per 1k requests) is the cheapest baseline cell that meets
     * accuracy >= 0.75; ft/as-is (0.85, 100 tokens, 0.10 per 1k) saves 300 tokens and 0.15 per 1k requests. Its fixed
     * cost: hosting 1.5/h × 24 = 36 a day, training 1,000,000 tokens × 0.009/1k = 9 over 90 days = 0.1 a day; 36.1 a day.
     * Break-even: 36.1 / 0.15 × 1000 = 240,666.67 requests a day.
     */
    @Test
    void aFineTuneThatSavesPromptTokensBreaksEvenWhereTheSavingsPayItsFixedCost() {
        ArrayNode results = Json.MAPPER.createArrayNode();
        results.add(cell("base", "as-is", 0.10, 30, 0.02, 100, 200));
        results.add(cell("base", "few-shot", 0.80, 400, 0.25, 300, 600));
        results.add(cell("base", "long-few-shot", 0.82, 900, 0.50, 500, 900));
        results.add(cell("ft", "as-is", 0.85, 100, 0.10, 120, 250));
        results.add(cell("ft", "few-shot", 0.70, 400, 0.25, 300, 600));
        ObjectNode e = Economics.build(inputs(1.5, 0.009, 1_000_000L), "base", Map.of("base", "baseline", "ft", "candidate"), results);
        assertEquals("few-shot", e.at("/reference/technique").asText());
        assertTrue(e.at("/reference/meets_bar").asBoolean());
        assertEquals(1, e.get("cells").size(), "ft/few-shot misses the bar");
        JsonNode c = e.get("cells").get(0);
        assertEquals(300, c.get("prompt_tokens_saved_per_request").asDouble(), 1e-9);
        assertEquals(180, c.get("latency_ms_p50_saved").asDouble(), 1e-9);
        assertEquals(350, c.get("latency_ms_p95_saved").asDouble(), 1e-9);
        assertEquals(9, c.get("training_cost").asDouble(), 1e-9);
        assertEquals(36.1, c.get("fixed_per_day").asDouble(), 1e-9);
        assertEquals(240_666.666666, c.get("break_even_requests_per_day").asDouble(), 1e-3);
        assertTrue(e.get("answer").asText().startsWith("Yes above 240,667 requests a day: ft/as-is"), e.get("answer").asText());
    }

    @Test
    void aFineTuneDearerPerRequestNeverBreaksEvenAndTheAnswerSaysWhy() {
        ArrayNode results = Json.MAPPER.createArrayNode();
        results.add(cell("base", "as-is", 0.0, 30, 0.02, 100, 200));
        results.add(cell("ft", "as-is", 0.8, 30, 0.03, 100, 200));
        ObjectNode e = Economics.build(inputs(1.7, null, null), "base", Map.of("base", "baseline", "ft", "candidate"), results);
        assertTrue(e.at("/cells/0/break_even_requests_per_day").isNull());
        assertTrue(e.at("/cells/0/note").asText().contains("training cost unknown"));
        assertTrue(e.get("answer").asText().startsWith("No: every fine-tuned cell"), e.get("answer").asText());
        assertTrue(e.get("answer").asText().endsWith("it is still the only way to meet the bar."), e.get("answer").asText());
    }

    private static ObjectNode inputs(double hosting, Double training, Long trainedTokens) {
        ObjectNode in = Json.MAPPER.createObjectNode();
        in.put("currency", "USD").put("horizon_days", 90);
        in.putObject("quality_bar").put("metric", "accuracy").put("op", ">=").put("threshold", 0.75);
        ObjectNode models = in.putObject("models");
        models.putObject("base").putNull("hosting_per_hour");
        models.putObject("ft").put("hosting_per_hour", hosting).put("training_per_1k_tokens", training)
                .put("trained_tokens", trainedTokens);
        return in;
    }

    private static ObjectNode cell(String model, String technique, double accuracy, double prompt, double cost, double p50, double p95) {
        ObjectNode r = Json.MAPPER.createObjectNode().put("model", model).put("technique", technique);
        ObjectNode m = r.putObject("metrics");
        m.putObject("accuracy").put("value", accuracy);
        m.putObject("prompt_tokens_mean").put("value", prompt);
        m.putObject("cost_per_1k_requests").put("value", cost);
        m.putObject("latency_ms_p50").put("value", p50);
        m.putObject("latency_ms_p95").put("value", p95);
        return r;
    }
}
