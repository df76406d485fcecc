package dev.tunebench.scoring;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The scorer types a suite may declare, each with the parameters it accepts. */
enum ScorerType {
    EXACT("exact"),
    NORMALIZED("normalized", "strip_punctuation"),
    CONTAINS("contains", "value", "ignore_case"),
    REGEX("regex", "pattern", "group", "extract_expected"),
    JSON_MATCH("json_match", "fields"),
    JSON_SCHEMA("json_schema", "schema", "schema_file"),
    LABEL("label", "field", "pattern", "group", "labels", "ignore_case"),
    LENGTH("length", "min_chars", "max_chars", "min_words", "max_words"),
    JUDGE("judge", "rubric", "rubric_file", "model", "runner", "grade", "system", "max_new_tokens", "samples", "temperature",
            "seed", "structured", "against", "labels"),
    TOOL_CALL("tool_call", "check"),
    ROUGE("rouge", "variant", "stemming"),
    BLEU("bleu"),
    CHRF("chrf", "beta", "eps_smoothing"),
    EDIT_DISTANCE("edit_distance", "ignore_case"),
    EMBEDDING_SIMILARITY("embedding_similarity", "model");

    private final String id;
    private final Set<String> params;

    ScorerType(String id, String... params) {
        this.id = id;
        this.params = Set.of(params);
    }

    String id() {
        return id;
    }

    Set<String> params() {
        return params;
    }

    boolean graded() {
        return switch (this) {
            // A judge's grade is a value in [0, 1] too (a pairwise judge's mean is a win rate): gateable with an interval.
            case ROUGE, BLEU, CHRF, EDIT_DISTANCE, EMBEDDING_SIMILARITY, JUDGE -> true;
            default -> false;
        };
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(ScorerType::id).toList();
    }

    static Optional<ScorerType> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
