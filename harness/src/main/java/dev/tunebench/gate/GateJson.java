package dev.tunebench.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;

/** gate.json (docs/results-format.md#gatejson): the decision and every gate, in the shape reports read. */
public final class GateJson {
    public static final String FILE_NAME = "gate.json";
    public static final int SCHEMA_VERSION = 1;

    private GateJson() {
    }

    public static ObjectNode toJson(GateDecision decision) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("decision", decision.go() ? "go" : "no-go");
        root.put("suite", decision.suite());
        root.put("baseline_file", decision.baselineFile());
        root.put("data_changed", decision.dataChanged());
        var warnings = root.putArray("warnings");
        decision.warnings().forEach(warnings::add);
        var gates = root.putArray("gates");
        for (GateOutcome o : decision.outcomes()) {
            gates.add(gate(o));
        }
        return root;
    }

    private static ObjectNode gate(GateOutcome o) {
        GateRule rule = o.rule();
        Measurement m = o.measurement();
        ObjectNode g = Json.MAPPER.createObjectNode();
        g.put("name", rule.name());
        g.put("rule", rule.describe());
        g.put("kind", rule.kind());
        g.put("model", rule.cell() == null ? null : rule.cell().model());
        g.put("technique", rule.cell() == null ? null : rule.cell().technique());
        g.put("metric", rule.metric());
        if (rule instanceof GateRule.Threshold t) {
            g.put("op", t.op().symbol());
            g.put("limit", t.limit());
            g.put("basis", t.basis().suiteName());
        } else if (rule instanceof GateRule.Relative r) {
            g.put("against", r.against().suiteName());
            g.put("test", r.hypothesis().suiteName());
            g.put("margin", r.margin());
            g.put("confidence", r.confidence());
        }
        g.put("value", m.value());
        g.put("ci_low", m.ciLow());
        g.put("ci_high", m.ciHigh());
        g.put("ci_method", m.method());
        g.put("n", m.n());
        Difference d = m.difference();
        if (d != null) {
            g.put("value_candidate", finite(d.candidate()));
            g.put("value_reference", finite(d.reference()));
            g.put("statistical_test", d.test());
            g.put("p_value", d.pValue());
            g.put("paired", d.paired());
        }
        g.put("outcome", o.outcome().jsonName());
        g.put("on_inconclusive", rule.inconclusivePasses() ? "pass" : "fail");
        g.put("blocks", o.blocks());
        g.put("reason", o.reason());
        return g;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
