package dev.tunebench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.data.Suggestions;
import dev.tunebench.spi.InputException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a suite's raw {@code gates:} list (docs/suite-format.md#gates) into rules. Each entry is a map, or
 * the compact threshold string {@code "MODEL/TECHNIQUE METRIC OP NUMBER"}. Problems name the suite file, the
 * entry ({@code gates[2].margin}), what was expected and the fix.
 */
public final class GateRules {
    private static final Set<String> KEYS = Set.of("name", "model", "technique", "metric", "op", "value", "basis",
            "against", "test", "margin", "confidence", "on_inconclusive");
    private static final Set<String> THRESHOLD_ONLY = Set.of("op", "value", "basis");
    private static final Set<String> RELATIVE_ONLY = Set.of("against", "test", "margin", "confidence");
    private static final Pattern COMPACT = Pattern.compile(
            "\\s*(\\S+)/(\\S+)\\s+([A-Za-z0-9_]+)\\s*(>=|<=|>|<)\\s*([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\\s*");
    private static final double DEFAULT_CONFIDENCE = 0.95;

    /**
     * The model ids and technique names of the suite, its baseline model, and its graded scorers (whose
     * figures relative gates can compare as well).
     */
    public record Names(Set<String> models, Set<String> techniques, String baseline, Set<String> graded) {
        public Names(Set<String> models, Set<String> techniques, String baseline) {
            this(models, techniques, baseline, Set.of());
        }
    }

    private final String file;
    private final Names names;

    private GateRules(String file, Names names) {
        this.file = file;
        this.names = names;
    }

    /** The rules of {@code gates} (a missing node gives none); {@code file} names the suite in messages. */
    public static List<GateRule> parse(JsonNode gates, String file, Names names) {
        if (gates == null || gates.isMissingNode() || gates.isNull()) {
            return List.of();
        }
        GateRules parser = new GateRules(file, names);
        if (!gates.isArray()) {
            throw parser.error("gates", "expected a list of gates, got " + gates.getNodeType().name().toLowerCase()
                    + ". Write each gate as a '- ' item.");
        }
        List<GateRule> rules = new ArrayList<>();
        for (int i = 0; i < gates.size(); i++) {
            String at = "gates[" + i + "]";
            JsonNode g = gates.get(i);
            if (g.isTextual()) {
                rules.add(parser.compact(g.asText(), at));
            } else if (g.isObject()) {
                rules.add(parser.entry(g, at));
            } else {
                throw parser.error(at, "expected a map ({model: ..., technique: ..., metric: ..., op: \">=\", value: ...}) "
                        + "or a string like \"ckpt-epoch-4/as-is accuracy >= 0.75\".");
            }
        }
        return List.copyOf(rules);
    }

    private GateRule compact(String text, String at) {
        Matcher m = COMPACT.matcher(text);
        if (!m.matches()) {
            throw error(at, "'" + text + "' is not MODEL/TECHNIQUE METRIC OP NUMBER, e.g. \"ckpt-epoch-4/as-is accuracy >= 0.75\" "
                    + "(OP is one of " + Op.symbols() + "). Use the map form for relative gates.");
        }
        Cell cell = cell(m.group(1), m.group(2), at);
        return new GateRule.Threshold(null, cell, m.group(3), Op.ofSymbol(m.group(4)),
                Double.parseDouble(m.group(5)), GateRule.Basis.VALUE, false);
    }

    private GateRule entry(JsonNode g, String at) {
        for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw error(at + "." + key, "unknown key" + Suggestions.didYouMean(key, KEYS) + "; a gate takes "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ".");
            }
        }
        Cell cell = cell(text(g, "model", at), text(g, "technique", at), at);
        String metric = text(g, "metric", at);
        boolean inconclusivePasses = switch (optionalText(g, "on_inconclusive", "fail", at)) {
            case "fail" -> false;
            case "pass" -> true;
            default -> throw error(at + ".on_inconclusive", "expected fail (the default) or pass.");
        };
        String name = g.hasNonNull("name") ? text(g, "name", at) : null;
        if (g.has("against")) {
            rejectKeys(g, THRESHOLD_ONLY, at, "a relative gate (with against:) takes test, margin and confidence, not ");
            return relative(g, at, name, cell, metric, inconclusivePasses);
        }
        rejectKeys(g, RELATIVE_ONLY, at, "a threshold gate (with op: and value:) takes basis, not ");
        Op op = Op.ofSymbol(text(g, "op", at));
        if (op == null) {
            throw error(at + ".op", "expected one of " + Op.symbols() + ", got \"" + g.get("op").asText() + "\".");
        }
        GateRule.Basis basis = switch (optionalText(g, "basis", "value", at)) {
            case "value" -> GateRule.Basis.VALUE;
            case "interval" -> GateRule.Basis.INTERVAL;
            default -> throw error(at + ".basis", "expected value (the default: the point figure) or interval "
                    + "(the whole 95% interval must clear the limit).");
        };
        return new GateRule.Threshold(name, cell, metric, op, number(g, "value", at), basis, inconclusivePasses);
    }

    private GateRule relative(JsonNode g, String at, String name, Cell cell, String metric, boolean inconclusivePasses) {
        PairedMetric rowMetric = RowMetric.of(metric);
        if (rowMetric == null && names.graded().contains(metric)) {
            rowMetric = new ScorerMetric(metric);
        }
        if (rowMetric == null) {
            List<String> known = new ArrayList<>(RowMetric.names());
            known.addAll(new java.util.TreeSet<>(names.graded()));
            throw error(at + ".metric", "'" + metric + "' has no per-row value, so it cannot be compared paired"
                    + Suggestions.didYouMean(metric, known) + ". Relative gates take "
                    + String.join(", ", known) + "; use a threshold gate (op:, value:) for percentiles.");
        }
        Against against = switch (text(g, "against", at)) {
            case "baseline" -> Against.BASELINE;
            case "blessed" -> Against.BLESSED;
            default -> throw error(at + ".against", "expected baseline (the suite's baseline model in this run) "
                    + "or blessed (the run given with --baseline), got '" + g.get("against").asText() + "'.");
        };
        if (against == Against.BASELINE && cell.model().equals(names.baseline())) {
            throw error(at + ".model", "'" + cell.model() + "' is the baseline model itself; name a candidate, "
                    + "or compare with against: blessed.");
        }
        String defaultTest = against == Against.BASELINE ? "non_inferiority" : "no_regression";
        Hypothesis hypothesis = switch (optionalText(g, "test", defaultTest, at)) {
            case "non_inferiority" -> Hypothesis.NON_INFERIORITY;
            case "superiority" -> Hypothesis.SUPERIORITY;
            case "no_regression" -> Hypothesis.NO_REGRESSION;
            default -> throw error(at + ".test", "expected non_inferiority, superiority or no_regression, got '"
                    + g.get("test").asText() + "'.");
        };
        double margin = g.has("margin") ? number(g, "margin", at) : 0;
        if (margin < 0) {
            throw error(at + ".margin", "must be >= 0 (in the metric's units, e.g. 0.02 for 2 accuracy points), got "
                    + Numbers.plain(margin) + ".");
        }
        double confidence = g.has("confidence") ? number(g, "confidence", at) : DEFAULT_CONFIDENCE;
        if (!(confidence >= 0.5 && confidence < 1)) {
            throw error(at + ".confidence", "one-sided confidence must be in [0.5, 1), e.g. 0.95; got "
                    + Numbers.plain(confidence) + ".");
        }
        return new GateRule.Relative(name, cell, rowMetric, against, hypothesis, margin, confidence, inconclusivePasses);
    }

    private Cell cell(String model, String technique, String at) {
        if (!names.models().contains(model)) {
            throw error(at + ".model", "no model '" + model + "' in the suite" + Suggestions.didYouMean(model, names.models())
                    + "; models: " + String.join(", ", names.models()) + ".");
        }
        if (!names.techniques().contains(technique)) {
            throw error(at + ".technique", "no technique '" + technique + "' in the suite"
                    + Suggestions.didYouMean(technique, names.techniques()) + "; techniques: "
                    + String.join(", ", names.techniques()) + ".");
        }
        return new Cell(model, technique);
    }

    private void rejectKeys(JsonNode g, Set<String> keys, String at, String message) {
        for (String key : keys) {
            if (g.has(key)) {
                throw error(at + "." + key, message + key + ".");
            }
        }
    }

    private String text(JsonNode g, String key, String at) {
        JsonNode v = g.get(key);
        if (v == null || v.isNull()) {
            throw error(at + "." + key, "missing; every gate names model, technique and metric (see docs/suite-format.md#gates).");
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw error(at + "." + key, "expected text, got " + v.getNodeType().name().toLowerCase() + ".");
        }
        return v.asText();
    }

    private String optionalText(JsonNode g, String key, String fallback, String at) {
        return g.hasNonNull(key) ? text(g, key, at) : fallback;
    }

    private double number(JsonNode g, String key, String at) {
        JsonNode v = g.get(key);
        if (v == null || !v.isNumber()) {
            throw error(at + "." + key, "expected a number, got " + (v == null ? "nothing" : "'" + v.asText() + "'") + ".");
        }
        return v.asDouble();
    }

    private InputException error(String field, String problem) {
        return new InputException(file + ": " + field + ": " + problem);
    }
}
