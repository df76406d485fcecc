package dev.tunebench.reports;

import com.fasterxml.jackson.databind.JsonNode;

/** A paired comparison of summary.json: side b against side a on one metric, with its verdict for b. */
public record Comparison(String kind, String metric, CellKey a, CellKey b, Double difference, Double ciLow,
                         Double ciHigh, Double pAdjusted, String verdict, Double mde, Double rawPLog10) {

    public static Comparison from(JsonNode node) {
        return new Comparison(Json.text(node, "kind", ""), Json.text(node, "metric", ""), side(node.get("a")),
                side(node.get("b")), Json.number(node, "difference"), Json.number(node, "ci_low"),
                Json.number(node, "ci_high"), Json.number(node, "p_adjusted"),
                Json.text(node, "verdict", "untested"), Json.number(node, "mde"), Json.number(node, "p_value_log10"));
    }

    private static CellKey side(JsonNode node) {
        return new CellKey(Json.text(node, "model", "?"), Json.text(node, "technique", "?"));
    }
}
