package dev.tunebench.scoring;

import java.util.Map;

/**
 * A scorer as declared in a suite: a unique name, a type ({@code exact}, {@code normalized},
 * {@code contains}, {@code regex}, {@code json_match}, {@code json_schema}, {@code label},
 * {@code length}, {@code tool_call}, {@code judge}, {@code rouge}, {@code bleu}, {@code chrf},
 * {@code edit_distance}, {@code embedding_similarity}) and its parameters as parsed from YAML (strings, numbers, booleans, lists, maps).
 * {@code where} locates it for error messages, e.g. {@code triage.yaml: scorers[1]}.
 */
public record ScorerSpec(String name, String type, Map<String, Object> params, String where) {
    public ScorerSpec {
        params = Map.copyOf(params);
    }
}
