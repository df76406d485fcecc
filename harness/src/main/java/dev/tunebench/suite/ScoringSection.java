package dev.tunebench.suite;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.data.Suggestions;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.scoring.ScorerSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Parses {@code scorers:} (built and validated by the scoring factory) and {@code metrics:}. */
final class ScoringSection {
    /** The metrics a scorer can feed; every run also reports token, cost and latency metrics. */
    static final List<String> METRICS = List.of("accuracy", "format_adherence");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Scoring(List<ScorerSpec> specs, List<Scorer> scorers, Map<String, String> metrics) {
    }

    private ScoringSection() {
    }

    static Scoring parse(YamlNode scorersNode, YamlNode metricsNode, Function<ScorerSpec, Scorer> factory) {
        List<ScorerSpec> specs = new ArrayList<>();
        List<Scorer> scorers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (YamlNode s : scorersNode.listOrEmpty()) {
            if (!s.isObject()) {
                throw s.error("expected a map like {name: accuracy_json, type: json_match}.");
            }
            String name = s.get("name").name();
            String type = s.get("type").name();
            if (names.contains(name)) {
                throw s.get("name").error("duplicate scorer name '" + name + "'; every scorer needs its own name.");
            }
            ObjectNode params = ((ObjectNode) s.json()).deepCopy();
            params.remove(List.of("name", "type"));
            Map<String, Object> map = MAPPER.convertValue(params, new TypeReference<LinkedHashMap<String, Object>>() { });
            ScorerSpec spec = new ScorerSpec(name, type, map, s.where());
            specs.add(spec);
            scorers.add(factory.apply(spec));
            names.add(name);
        }
        Map<String, String> metrics = new LinkedHashMap<>();
        if (metricsNode.present()) {
            metricsNode.object(METRICS.toArray(String[]::new));
            for (String metric : metricsNode.keys()) {
                YamlNode scorer = metricsNode.get(metric);
                String name = scorer.name();
                if (!names.contains(name)) {
                    throw scorer.error("unknown scorer '" + name + "'" + Suggestions.didYouMean(name, names)
                            + "; declared scorers: " + (names.isEmpty() ? "none (add a scorers: list)" : String.join(", ", names)) + ".");
                }
                metrics.put(metric, name);
            }
        }
        return new Scoring(specs, scorers, metrics);
    }
}
