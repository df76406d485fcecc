package dev.tunebench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * gate.json, when the {@code gate} command has run: the go/no-go decision, every gate's outcome, and the
 * blessed baseline file it compared with (as given to {@code gate --baseline}; null without one).
 */
public record GateReport(String decision, List<Gate> gates, String baselineFile) {

    /** Null when there is no gate.json. */
    public static GateReport from(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        List<Gate> gates = new ArrayList<>();
        for (JsonNode g : Json.array(node, "gates")) {
            gates.add(Gate.from(g));
        }
        String decision = Json.text(node, "decision",
                gates.stream().anyMatch(Gate::failed) ? "no-go" : "go");
        return new GateReport(decision, List.copyOf(gates), Json.text(node, "baseline_file", null));
    }

    public boolean go() {
        return "go".equalsIgnoreCase(decision);
    }
}
