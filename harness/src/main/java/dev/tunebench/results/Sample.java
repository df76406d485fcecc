package dev.tunebench.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * Everything about one cell of the run (model × technique × row × repeat): one line of samples.jsonl,
 * written the moment it is scored. See docs/results-format.md.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record Sample(
        String model,
        String technique,
        int row,
        String rowId,
        int repeat,
        String prompt,
        String assistantPrefix,
        String completion,
        String answer,
        String expected,
        Map<String, Double> scores,
        Double accuracy,
        Double formatAdherence,
        String labelExpected,
        String labelPredicted,
        Integer promptTokens,
        Integer completionTokens,
        String finishReason,
        Double ttftMs,
        Double latencyMs,
        Double tpotMs,
        @JsonInclude(JsonInclude.Include.ALWAYS) String error,
        Map<String, String> judgeReplies,
        Integer localPromptTokens,
        Integer localCompletionTokens,
        String reasoning,
        Map<String, Double> judgeAgreement) {

    /**
     * How {@link #error()} starts when the runner could not run the prompt as meant (e.g. priming over an
     * API that cannot continue an assistant message): the cell is shown as unsupported with the reason.
     */
    public static final String UNSUPPORTED = "unsupported: ";

    public Sample {
        scores = scores == null ? Map.of() : scores;
        judgeReplies = judgeReplies == null || judgeReplies.isEmpty() ? null : judgeReplies;
        judgeAgreement = judgeAgreement == null || judgeAgreement.isEmpty() ? null : judgeAgreement;
    }

    /** A sample without judge scorers. */
    public Sample(String model, String technique, int row, String rowId, int repeat, String prompt, String assistantPrefix,
                  String completion, String answer, String expected, Map<String, Double> scores, Double accuracy,
                  Double formatAdherence, String labelExpected, String labelPredicted, Integer promptTokens,
                  Integer completionTokens, String finishReason, Double ttftMs, Double latencyMs, Double tpotMs, String error) {
        this(model, technique, row, rowId, repeat, prompt, assistantPrefix, completion, answer, expected, scores, accuracy,
                formatAdherence, labelExpected, labelPredicted, promptTokens, completionTokens, finishReason, ttftMs,
                latencyMs, tpotMs, error, null, null, null, null, null);
    }

    /** The key that identifies this sample across shards and resumed runs. */
    public String key() {
        return key(model, technique, row, repeat);
    }

    /** The key of the sample for this model, technique, row and repeat, whether or not it exists yet. */
    public static String key(String model, String technique, int row, int repeat) {
        return model + "\u0000" + technique + "\u0000" + row + "\u0000" + repeat;
    }
}
