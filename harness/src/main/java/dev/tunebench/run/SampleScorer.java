package dev.tunebench.run;

import dev.tunebench.data.Row;
import dev.tunebench.results.Sample;
import dev.tunebench.results.CorpusCounts;
import dev.tunebench.results.JudgeCalls;
import dev.tunebench.suite.CostTable;
import dev.tunebench.scoring.Attempt;
import dev.tunebench.scoring.CorpusScorer;
import dev.tunebench.scoring.JudgeScorer;
import dev.tunebench.scoring.Score;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.Prompt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies every scorer to each generation and assembles its samples.jsonl line; judge scorers ask their judge.
 * Keeps the answers of the models a pairwise judge compares with, so later models' answers meet them.
 */
final class SampleScorer {
    private final List<Scorer> scorers;
    private final String accuracyScorer;
    private final String formatScorer;
    private final CostTable prices;
    private final Set<String> referenceModels;
    /** Sample key to answer, of the models in {@link #referenceModels}: from the run folder on resume, then as they come. */
    private final Map<String, String> referenceAnswers;

    SampleScorer(List<Scorer> scorers, String accuracyScorer, String formatScorer) {
        this(scorers, accuracyScorer, formatScorer, CostTable.NONE, Map.of());
    }

    SampleScorer(List<Scorer> scorers, String accuracyScorer, String formatScorer, CostTable prices,
                 Map<String, String> priorReferenceAnswers) {
        this.scorers = scorers;
        this.accuracyScorer = accuracyScorer;
        this.formatScorer = formatScorer;
        this.prices = prices;
        this.referenceModels = referenceModels(scorers);
        this.referenceAnswers = new HashMap<>(priorReferenceAnswers);
    }

    /** The models some pairwise judge of {@code scorers} compares answers with. */
    static Set<String> referenceModels(List<Scorer> scorers) {
        Set<String> ids = new HashSet<>();
        for (Scorer s : scorers) {
            if (s instanceof JudgeScorer j && j.reference().orElse(null) instanceof JudgeScorer.Reference.OfModel m) {
                ids.add(m.id());
            }
        }
        return ids;
    }

    /** Scores a batch; each judge scorer asks its judge once for the whole batch. */
    List<Sample> scoreAll(String model, String technique, int repeat, List<Row> rows, List<Prompt> prompts,
                          List<Generation> generations) {
        Map<String, List<JudgeScorer.Graded>> judged = new HashMap<>();
        for (Scorer scorer : scorers) {
            if (scorer instanceof JudgeScorer judge) {
                if (!judge.grades(model)) {
                    continue;  // the reference model itself: nothing to compare
                }
                JudgeScorer.Reference reference = judge.reference().orElse(null);
                List<JudgeScorer.Ask> asks = new ArrayList<>(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    String other = reference instanceof JudgeScorer.Reference.OfModel m
                            ? referenceAnswers.get(Sample.key(m.id(), technique, row.index(), repeat))
                            : row.expected();
                    asks.add(new JudgeScorer.Ask(JudgeScorer.question(row), prompts.get(i).assistantPrefix()
                            + generations.get(i).text(), row.expected(), other));
                }
                judged.put(judge.name(), judge.gradeWithAgreement(asks));
            }
        }
        if (referenceModels.contains(model)) {
            for (int i = 0; i < rows.size(); i++) {
                referenceAnswers.put(Sample.key(model, technique, rows.get(i).index(), repeat),
                        prompts.get(i).assistantPrefix() + generations.get(i).text());
            }
        }
        List<Sample> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            int at = i;
            out.add(score(model, technique, repeat, rows.get(i), prompts.get(i), generations.get(i),
                    name -> judged.containsKey(name) ? judged.get(name).get(at) : null));
        }
        return out;
    }

    private Sample score(String model, String technique, int repeat, Row row, Prompt prompt, Generation g,
                         Function<String, JudgeScorer.Graded> judged) {
        String answer = prompt.assistantPrefix() + g.text();
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> replies = new LinkedHashMap<>();
        Map<String, CorpusCounts> corpus = corpusStats(answer, row.expected());
        Map<String, Double> agreement = new LinkedHashMap<>();
        Map<String, JudgeCalls> calls = new LinkedHashMap<>();
        String labelExpected = null;
        String labelPredicted = null;
        Attempt attempt = new Attempt(answer, g.toolCalls(), row.expected(), row.expectedToolCalls(), row.tools());
        for (Scorer scorer : scorers) {
            if (scorer instanceof JudgeScorer && judged.apply(scorer.name()) == null) {
                continue;  // a pairwise judge on its own reference model
            }
            Score s;
            try {
                s = scorer instanceof JudgeScorer ? judged.apply(scorer.name()).score() : scorer.score(attempt);
            } catch (dev.tunebench.spi.InputException e) {
                // The expected answer itself is unusable for this scorer: name the data row to fix.
                throw new dev.tunebench.spi.InputException(row.rowId() + ": " + e.getMessage(), e);
            }
            if (scorer instanceof JudgeScorer judge) {
                replies.put(scorer.name(), s.reason());
                Double agreed = judged.apply(scorer.name()).agreement();
                if (judge.samples() > 1 && agreed != null) {
                    agreement.put(scorer.name(), agreed);
                }
                JudgeCalls took = judged.apply(scorer.name()).calls();
                if (took != null) {
                    calls.put(scorer.name(), prices.priceFor(took.judge())
                            .map(p -> took.priced(p.promptPer1k(), p.completionPer1k())).orElse(took));
                }
            }
            // An unscored sample (a judge reply without a grade) is left out of the scorer's mean.
            if (!Double.isNaN(s.value())) {
                values.put(scorer.name(), s.value());
            }
            if (s.expectedLabel() != null && labelExpected == null) {
                labelExpected = s.expectedLabel();
                labelPredicted = s.predictedLabel();
            }
        }
        return new Sample(model, technique, row.index(), row.rowId(), repeat, g.renderedPrompt(),
                prompt.assistantPrefix(), g.text(), answer, row.expected(), values,
                accuracyScorer == null ? null : values.get(accuracyScorer),
                formatScorer == null ? null : values.get(formatScorer),
                labelExpected, labelPredicted, count(g.promptTokens()), count(g.completionTokens()),
                g.finishReason().name().toLowerCase(Locale.ROOT),
                g.timings() == null ? null : known(g.timings().ttftMs()),
                g.timings() == null ? null : known(g.timings().latencyMs()),
                g.timings() == null ? null : known(g.timings().tpotMs()), null, replies,
                g.localCounts() == null ? null : g.localCounts().promptTokens(),
                g.localCounts() == null ? null : g.localCounts().completionTokens(), probabilities(row, g), null, corpus,
                g.reasoning(), agreement, calls);
    }

    /** A classifier's probabilities; the expected label must be one of its classes, or calibration has no meaning. */
    private static Map<String, Double> probabilities(Row row, Generation g) {
        if (g.probabilities() != null && !g.probabilities().containsKey(row.expected().strip())) {
            throw new dev.tunebench.spi.InputException(row.rowId() + ": expected label '" + row.expected().strip()
                    + "' is not one of the model's labels " + g.probabilities().keySet()
                    + "; fix the data's label or the model's id2label (config.json).");
        }
        return g.probabilities();
    }

    /** A count nobody made ({@link Generation#UNKNOWN}) is left out of the sample, not written as a number. */
    private static Integer count(int tokens) {
        return tokens == Generation.UNKNOWN ? null : tokens;
    }

    /** A time nobody measured (NaN) is left out of the sample. */
    private static Double known(double ms) {
        return Double.isNaN(ms) ? null : ms;
    }

    /** The counts each corpus-level scorer needs from this row; a failed row counts as an empty answer. */
    private Map<String, CorpusCounts> corpusStats(String answer, String expected) {
        Map<String, CorpusCounts> out = new LinkedHashMap<>();
        for (Scorer scorer : scorers) {
            if (scorer instanceof CorpusScorer c) {
                out.put(c.name(), new CorpusCounts(c.metric().id(), c.statistics(answer, expected)));
            }
        }
        return out;
    }

    /** A sample that could not be produced: scores 0, no timings, the reason kept. */
    Sample failed(String model, String technique, int repeat, Row row, Prompt prompt, String error) {
        Map<String, Double> zeros = new LinkedHashMap<>();
        scorers.stream().filter(s -> !(s instanceof JudgeScorer j && !j.grades(model))).forEach(s -> zeros.put(s.name(), 0.0));
        return new Sample(model, technique, row.index(), row.rowId(), repeat, null, prompt.assistantPrefix(),
                null, null, row.expected(), zeros,
                accuracyScorer == null ? null : 0.0, formatScorer == null ? null : 0.0,
                null, null, null, null, null, null, null, null, error, null, null, null,
                null, null, corpusStats("", row.expected()), null, null);
    }
}
