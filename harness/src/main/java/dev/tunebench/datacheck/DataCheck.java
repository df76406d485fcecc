package dev.tunebench.datacheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code tunebench data check}: one training file's format findings and figures, its duplicates, its overlap
 * with each other file, and its answer distribution beside theirs.
 *
 * @param tokens null without a model
 * @param labels null when the answers are not classification-like
 */
public record DataCheck(ChatFile file, Figures figures, TokenFigures tokens, List<Overlap.Pair> duplicates,
                        LabelShares labels, List<Against> against) {

    /** Examples and turns per example (min, mean, max). */
    public record Figures(int examples, int turnsMin, double turnsMean, int turnsMax) {
    }

    /** Overlap with one other file; {@code labelComparison} is null when either side is not classification-like. */
    public record Against(ChatFile file, List<Overlap.Pair> pairs, LabelShares labels,
                          LabelShares.Comparison labelComparison) {
        public Against {
            pairs = List.copyOf(pairs);
        }
    }

    public DataCheck {
        duplicates = List.copyOf(duplicates);
        against = List.copyOf(against);
    }

    public static DataCheck run(Path file, List<Path> others, Optional<TokenCounter> counter, Integer epochs) {
        ChatFile checked = ChatFile.read(file);
        List<Example> examples = checked.examples();
        IntSummary turns = IntSummary.of(examples.stream().mapToInt(e -> e.messages().size()).toArray());
        Figures figures = new Figures(examples.size(), turns.min, turns.mean, turns.max);
        TokenFigures tokens = counter.map(c -> TokenFigures.of(examples, c, epochs)).orElse(null);
        LabelShares labels = LabelShares.of(examples);
        List<Against> against = new ArrayList<>();
        for (Path other : others) {
            ChatFile o = ChatFile.read(other);
            LabelShares theirs = LabelShares.of(o.examples());
            against.add(new Against(o, Overlap.between(examples, o.examples()), theirs,
                    labels != null && theirs != null ? labels.compare(theirs) : null));
        }
        return new DataCheck(checked, figures, tokens, Overlap.within(examples), labels, against);
    }

    /** True when a fine-tuning service would reject the file (format findings, or no example at all). */
    public boolean rejected() {
        return file.rejected();
    }

    private record IntSummary(int min, double mean, int max) {
        static IntSummary of(int[] values) {
            if (values.length == 0) {
                return new IntSummary(0, Double.NaN, 0);
            }
            return new IntSummary(java.util.Arrays.stream(values).min().orElseThrow(),
                    java.util.Arrays.stream(values).average().orElseThrow(),
                    java.util.Arrays.stream(values).max().orElseThrow());
        }
    }
}
