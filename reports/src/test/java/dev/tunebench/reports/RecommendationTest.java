package dev.tunebench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RecommendationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunSummary summary() throws Exception {
        return RunSummary.from(JSON.readTree("""
                {"suite": "s", "baseline": "base", "results": [
                  {"model": "base", "technique": "a", "n": 10, "metrics": {"accuracy": {"value": 0.2}, "cost_per_1k_requests": {"value": 0.03}}},
                  {"model": "base", "technique": "b", "n": 10, "metrics": {"accuracy": {"value": 0.3}, "cost_per_1k_requests": {"value": 0.05}}},
                  {"model": "ft", "technique": "a", "n": 10, "metrics": {"accuracy": {"value": 0.9}, "cost_per_1k_requests": {"value": 0.03}}},
                  {"model": "ft", "technique": "b", "n": 10, "metrics": {"accuracy": {"value": 0.7}, "cost_per_1k_requests": {"value": 0.05}}},
                  {"model": "ft", "technique": "c", "n": 10, "metrics": {"accuracy": {"value": 0.7}, "cost_per_1k_requests": {"value": 0.04}}}]}
                """));
    }

    private static GateReport gates(String gatesJson) throws Exception {
        return GateReport.from(JSON.readTree("{\"decision\": \"no-go\", \"gates\": " + gatesJson + "}"));
    }

    @Test
    void theBestAccuracyWinsAgainstTheBaselinesBestCell() throws Exception {
        Recommendation r = Recommendation.of(summary(), null).orElseThrow();
        assertEquals(new CellKey("ft", "a"), r.chosen().key());
        assertEquals(new CellKey("base", "b"), r.reference().key());
        assertEquals(5, r.eligible());
    }

    @Test
    void aCellAGateHoldsBackIsPassedOverAndTiesGoToTheCheaper() throws Exception {
        GateReport g = gates("[{\"model\": \"ft\", \"technique\": \"a\", \"outcome\": \"fail\"},"
                + " {\"model\": \"ft\", \"technique\": \"b\", \"outcome\": \"pass\"}]");
        Recommendation r = Recommendation.of(summary(), g).orElseThrow();
        assertEquals(new CellKey("ft", "c"), r.chosen().key(), "0.7 like ft/b, and cheaper");
        assertEquals(4, r.eligible());
    }

    @Test
    void anInconclusiveOrRunWideFailingGateHoldsBackEveryCellItCovers() throws Exception {
        assertEquals(new CellKey("base", "b"), Recommendation.of(summary(),
                gates("[{\"model\": \"ft\", \"outcome\": \"inconclusive\"}]")).orElseThrow().chosen().key());
        assertTrue(Recommendation.of(summary(), gates("[{\"outcome\": \"fail\"}]")).isEmpty());
    }
}
