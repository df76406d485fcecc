package dev.tunebench.datacheck;

import dev.tunebench.stats.Percentiles;

import java.util.ArrayList;
import java.util.List;

/**
 * Token figures of a training file under one model's tokenizer and chat template: tokens per example, the
 * tokens that count for loss, the examples longer than the model's context (a trainer truncates them) and
 * the billed training tokens: each example's tokens up to the context, summed, times the epochs (the
 * cookbook's estimate of what a service charges).
 *
 * @param epochsSource "given" when the caller chose the epochs, else whose default rule picked them
 */
public record TokenFigures(Distribution tokens, long lossTokens, int contextLength, List<Integer> overContext,
                           long tokensPerEpoch, int epochs, String epochsSource, long billedTokens) {

    public record Distribution(double min, double mean, double p50, double p95, double max) {
        static Distribution of(double[] values) {
            return new Distribution(Percentiles.of(values, 0), Percentiles.mean(values), Percentiles.of(values, 50),
                    Percentiles.of(values, 95), Percentiles.of(values, 100));
        }
    }

    public TokenFigures {
        overContext = List.copyOf(overContext);
    }

    static TokenFigures of(List<Example> examples, TokenCounter counter, Integer epochs) {
        double[] totals = new double[examples.size()];
        long loss = 0;
        long perEpoch = 0;
        int context = counter.contextLength();
        List<Integer> over = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            TokenCounter.Counts c = counter.count(examples.get(i).messages());
            totals[i] = c.total();
            loss += c.loss();
            boolean tooLong = context > 0 && c.total() > context;
            if (tooLong) {
                over.add(examples.get(i).line());
            }
            perEpoch += tooLong ? context : c.total();
        }
        int n = epochs != null ? epochs : DefaultEpochs.forExamples(examples.size());
        return new TokenFigures(Distribution.of(totals), loss, context, over, perEpoch, n,
                epochs != null ? "given" : DefaultEpochs.SOURCE, perEpoch * n);
    }
}
