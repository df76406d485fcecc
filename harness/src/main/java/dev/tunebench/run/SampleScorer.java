package dev.tunebench.run;

import dev.tunebench.data.Row;
import dev.tunebench.results.Sample;
import dev.tunebench.scoring.Attempt;
import dev.tunebench.scoring.Score;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.Prompt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Applies every scorer to one generation and assembles its samples.jsonl line. Pure. */
final class SampleScorer {
    private final List<Scorer> scorers;
    private final String accuracyScorer;
    private final String formatScorer;

    SampleScorer(List<Scorer> scorers, String accuracyScorer, String formatScorer) {
        this.scorers = scorers;
        this.accuracyScorer = accuracyScorer;
        this.formatScorer = formatScorer;
    }

    Sample score(String model, String technique, int repeat, Row row, Prompt prompt, Generation g) {
        String answer = prompt.assistantPrefix() + g.text();
        Map<String, Double> values = new LinkedHashMap<>();
        String labelExpected = null;
        String labelPredicted = null;
        Attempt attempt = new Attempt(answer, g.toolCalls(), row.expected(), row.expectedToolCalls(), row.tools());
        for (Scorer scorer : scorers) {
            Score s;
            try {
                s = scorer.score(attempt);
            } catch (dev.tunebench.spi.InputException e) {
                // The expected answer itself is unusable for this scorer: name the data row to fix.
                throw new dev.tunebench.spi.InputException(row.rowId() + ": " + e.getMessage(), e);
            }
            values.put(scorer.name(), s.value());
            if (s.expectedLabel() != null && labelExpected == null) {
                labelExpected = s.expectedLabel();
                labelPredicted = s.predictedLabel();
            }
        }
        return new Sample(model, technique, row.index(), row.rowId(), repeat, g.renderedPrompt(),
                prompt.assistantPrefix(), g.text(), answer, row.expected(), values,
                accuracyScorer == null ? null : values.get(accuracyScorer),
                formatScorer == null ? null : values.get(formatScorer),
                labelExpected, labelPredicted, g.promptTokens(), g.completionTokens(),
                g.finishReason().name().toLowerCase(Locale.ROOT),
                g.timings().ttftMs(), g.timings().latencyMs(), g.timings().tpotMs(), null);
    }

    /** A sample that could not be produced: scores 0, no timings, the reason kept. */
    Sample failed(String model, String technique, int repeat, Row row, Prompt prompt, String error) {
        Map<String, Double> zeros = new LinkedHashMap<>();
        scorers.forEach(s -> zeros.put(s.name(), 0.0));
        return new Sample(model, technique, row.index(), row.rowId(), repeat, null, prompt.assistantPrefix(),
                null, null, row.expected(), zeros,
                accuracyScorer == null ? null : 0.0, formatScorer == null ? null : 0.0,
                null, null, null, null, null, null, null, null, error);
    }
}
