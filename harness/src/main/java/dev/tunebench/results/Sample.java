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
        Map<String, Double> probabilities,
        Boolean cached,
        Map<String, CorpusCounts> corpusStats,
        String reasoning,
        Map<String, Double> judgeAgreement,
        Map<String, JudgeCalls> judgeCalls) {

    /**
     * How {@link #error()} starts when the runner could not run the prompt as meant (e.g. priming over an
     * API that cannot continue an assistant message): the cell is shown as unsupported with the reason.
     */
    public static final String UNSUPPORTED = "unsupported: ";

    /**
     * How {@link #error()} starts when the runner had no answer for the request at all (a replay file without
     * a line for it): the summary counts these apart and lists their row ids.
     */
    public static final String MISSING = dev.tunebench.spi.RequestsFailed.MISSING;

    public Sample {
        scores = scores == null ? Map.of() : scores;
        judgeReplies = judgeReplies == null || judgeReplies.isEmpty() ? null : judgeReplies;
        corpusStats = corpusStats == null || corpusStats.isEmpty() ? null : corpusStats;
        judgeAgreement = judgeAgreement == null || judgeAgreement.isEmpty() ? null : judgeAgreement;
        judgeCalls = judgeCalls == null || judgeCalls.isEmpty() ? null : judgeCalls;
    }

    /** A sample without judge calls recorded. */
    public Sample(String model, String technique, int row, String rowId, int repeat, String prompt, String assistantPrefix,
                  String completion, String answer, String expected, Map<String, Double> scores, Double accuracy,
                  Double formatAdherence, String labelExpected, String labelPredicted, Integer promptTokens,
                  Integer completionTokens, String finishReason, Double ttftMs, Double latencyMs, Double tpotMs,
                  String error, Map<String, String> judgeReplies, Integer localPromptTokens, Integer localCompletionTokens,
                  Map<String, Double> probabilities, Boolean cached, Map<String, CorpusCounts> corpusStats,
                  String reasoning, Map<String, Double> judgeAgreement) {
        this(model, technique, row, rowId, repeat, prompt, assistantPrefix, completion, answer, expected, scores, accuracy,
                formatAdherence, labelExpected, labelPredicted, promptTokens, completionTokens, finishReason, ttftMs,
                latencyMs, tpotMs, error, judgeReplies, localPromptTokens, localCompletionTokens, probabilities, cached,
                corpusStats, reasoning, judgeAgreement, null);
    }

    /** What this sample's judge calls cost, at the prices they were recorded with; 0 without judges. */
    public double judgeCost() {
        return judgeCalls == null ? 0 : judgeCalls.values().stream().mapToDouble(c -> c.cost() == null ? 0 : c.cost()).sum();
    }

    /** A served model's sample with its reasoning text and the judges' self-agreement. */
    public Sample(String model, String technique, int row, String rowId, int repeat, String prompt, String assistantPrefix,
                  String completion, String answer, String expected, Map<String, Double> scores, Double accuracy,
                  Double formatAdherence, String labelExpected, String labelPredicted, Integer promptTokens,
                  Integer completionTokens, String finishReason, Double ttftMs, Double latencyMs, Double tpotMs,
                  String error, Map<String, String> judgeReplies, Integer localPromptTokens, Integer localCompletionTokens,
                  String reasoning, Map<String, Double> judgeAgreement) {
        this(model, technique, row, rowId, repeat, prompt, assistantPrefix, completion, answer, expected, scores, accuracy,
                formatAdherence, labelExpected, labelPredicted, promptTokens, completionTokens, finishReason, ttftMs,
                latencyMs, tpotMs, error, judgeReplies, localPromptTokens, localCompletionTokens, null, null, null,
                reasoning, judgeAgreement);
    }

    /** A sample of a generative model (no class probabilities). */
    public Sample(String model, String technique, int row, String rowId, int repeat, String prompt, String assistantPrefix,
                  String completion, String answer, String expected, Map<String, Double> scores, Double accuracy,
                  Double formatAdherence, String labelExpected, String labelPredicted, Integer promptTokens,
                  Integer completionTokens, String finishReason, Double ttftMs, Double latencyMs, Double tpotMs,
                  String error, Map<String, String> judgeReplies, Integer localPromptTokens, Integer localCompletionTokens) {
        this(model, technique, row, rowId, repeat, prompt, assistantPrefix, completion, answer, expected, scores, accuracy,
                formatAdherence, labelExpected, labelPredicted, promptTokens, completionTokens, finishReason, ttftMs,
                latencyMs, tpotMs, error, judgeReplies, localPromptTokens, localCompletionTokens, null, null, null, null, null);
    }

    /** A sample of a generative model with its corpus-level scorers' counts (not cached). */
    public Sample(String model, String technique, int row, String rowId, int repeat, String prompt, String assistantPrefix,
                  String completion, String answer, String expected, Map<String, Double> scores, Double accuracy,
                  Double formatAdherence, String labelExpected, String labelPredicted, Integer promptTokens,
                  Integer completionTokens, String finishReason, Double ttftMs, Double latencyMs, Double tpotMs,
                  String error, Map<String, String> judgeReplies, Integer localPromptTokens, Integer localCompletionTokens,
                  Map<String, CorpusCounts> corpusStats) {
        this(model, technique, row, rowId, repeat, prompt, assistantPrefix, completion, answer, expected, scores, accuracy,
                formatAdherence, labelExpected, labelPredicted, promptTokens, completionTokens, finishReason, ttftMs,
                latencyMs, tpotMs, error, judgeReplies, localPromptTokens, localCompletionTokens, null, null, corpusStats, null, null);
    }

    /** A sample without judge scorers. */
    public Sample(String model, String technique, int row, String rowId, int repeat, String prompt, String assistantPrefix,
                  String completion, String answer, String expected, Map<String, Double> scores, Double accuracy,
                  Double formatAdherence, String labelExpected, String labelPredicted, Integer promptTokens,
                  Integer completionTokens, String finishReason, Double ttftMs, Double latencyMs, Double tpotMs, String error) {
        this(model, technique, row, rowId, repeat, prompt, assistantPrefix, completion, answer, expected, scores, accuracy,
                formatAdherence, labelExpected, labelPredicted, promptTokens, completionTokens, finishReason, ttftMs,
                latencyMs, tpotMs, error, null, null, null);
    }

    /**
     * This sample as taken from the completion cache: its completion and timings are those of the request
     * that generated it, so it counts for quality figures and is left out of latency figures.
     */
    public Sample asCached() {
        return new Sample(model, technique, row, rowId, repeat, prompt, assistantPrefix, completion, answer, expected,
                scores, accuracy, formatAdherence, labelExpected, labelPredicted, promptTokens, completionTokens,
                finishReason, ttftMs, latencyMs, tpotMs, error, judgeReplies, localPromptTokens, localCompletionTokens,
                probabilities, Boolean.TRUE, corpusStats, reasoning, judgeAgreement, judgeCalls);
    }

    /** Whether the completion came from the cache ({@link #asCached()}). */
    public boolean fromCache() {
        return Boolean.TRUE.equals(cached);
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
