package dev.tunebench.summary;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import dev.tunebench.results.RunManifest;
import dev.tunebench.stats.Bootstrap;
import dev.tunebench.stats.Interval;
import dev.tunebench.stats.MetricEstimate;
import dev.tunebench.stats.MinimumDetectableEffect;
import dev.tunebench.stats.Percentiles;
import dev.tunebench.stats.Proportions;
import dev.tunebench.stats.StudentT;

import java.util.Arrays;
import java.util.List;

/**
 * The metrics block of one model × technique: every figure with its 95% interval and method.
 * Bootstrap intervals up to {@link #BOOTSTRAP_MAX_N} samples; above that (where the resampling cost
 * grows and the normal approximation is excellent) a t-interval for means and a distribution-free
 * order-statistic interval for percentiles.
 */
final class CellMetrics {
    static final int BOOTSTRAP_MAX_N = 10_000;

    private final Bootstrap bootstrap;
    private final List<String> graded;

    /** {@code graded}: the graded scorers, each reported as a metric of its own ({@link GradedScores}). */
    CellMetrics(Bootstrap bootstrap, List<String> graded) {
        this.bootstrap = bootstrap;
        this.graded = graded;
    }

    ObjectNode metrics(CellData cell, RunManifest.ModelEntry model) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        proportion(m, "accuracy", cell, true);
        proportion(m, "format_adherence", cell, false);
        // Requests that failed after their retries, over all samples: gated apart from accuracy (error_rate <= 0.01).
        put(m, "error_rate", Proportions.estimate(cell.errors, cell.size()));
        double[] prompt = cell.values(CellData.Metric.PROMPT_TOKENS);
        double[] completion = cell.values(CellData.Metric.COMPLETION_TOKENS);
        put(m, "prompt_tokens_mean", mean(prompt));
        put(m, "completion_tokens_mean", mean(completion));
        put(m, "total_tokens_mean", mean(cell.values(CellData.Metric.TOTAL_TOKENS)));
        double[] cost = cell.costs(model.promptPricePer1k(), model.completionPricePer1k());
        put(m, "cost_per_1k_requests", mean(cost));
        // What this run paid for the cell's answers, from usage (as the budget counts): cached answers cost nothing.
        double[] paid = cell.paidCosts(model.promptPricePer1k(), model.completionPricePer1k());
        m.putObject("spend").put("value", Arrays.stream(paid).sum() / 1000).put("n", paid.length);
        double[] latency = cell.values(CellData.Metric.LATENCY);
        put(m, "latency_ms_mean", mean(latency));
        put(m, "latency_ms_p50", percentile(latency, 50));
        put(m, "latency_ms_p95", percentile(latency, 95));
        put(m, "latency_ms_p99", percentile(latency, 99));
        double[] ttft = cell.values(CellData.Metric.TTFT);
        put(m, "ttft_ms_p50", percentile(ttft, 50));
        put(m, "ttft_ms_p95", percentile(ttft, 95));
        put(m, "tpot_ms_p50", percentile(cell.values(CellData.Metric.TPOT), 50));
        double seconds = Arrays.stream(latency).sum() / 1000.0;
        double[] timedCompletion = cell.values(CellData.Metric.TIMED_COMPLETION_TOKENS);
        double tokens = Arrays.stream(timedCompletion).sum();
        // Only when every sample generated here was both timed and counted: the two sums must cover the same samples.
        put(m, "output_tokens_per_s", seconds > 0 && cell.untimed == 0 && timedCompletion.length == latency.length
                ? MetricEstimate.pointOnly(tokens / seconds, "ratio", latency.length)
                : null);
        for (String scorer : graded) {
            if (!m.has(scorer)) {
                put(m, scorer, GradedScores.estimate(cell, scorer, this, bootstrap));
            }
        }
        return m;
    }

    private void proportion(ObjectNode m, String name, CellData cell, boolean accuracy) {
        int n = 0;
        int pass = 0;
        for (int i = 0; i < cell.size(); i++) {
            int v = accuracy ? cell.accuracy(i) : cell.format(i);
            if (v >= 0) {
                n++;
                pass += v;
            }
        }
        if (n > 0) {
            put(m, name, Proportions.estimate(pass, n));
            // The smallest true change from this rate the set could detect (α 0.05, power 0.8).
            ((ObjectNode) m.get(name)).put("mde", MinimumDetectableEffect.singleProportion(n, pass / (double) n));
        }
    }

    MetricEstimate mean(double[] values) {
        if (values.length == 0) {
            return null;
        }
        if (values.length <= BOOTSTRAP_MAX_N) {
            return bootstrap.estimateMean(values);
        }
        return StudentT.estimateMean(values);
    }

    MetricEstimate percentile(double[] values, double percent) {
        if (values.length == 0) {
            return null;
        }
        if (values.length <= BOOTSTRAP_MAX_N) {
            return bootstrap.estimatePercentile(values, percent);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double p = percent / 100.0;
        double half = 1.96 * Math.sqrt(n * p * (1 - p));
        int lo = (int) Math.max(0, Math.floor(n * p - half) - 1);
        int hi = (int) Math.min(n - 1, Math.ceil(n * p + half));
        return MetricEstimate.of(Percentiles.ofSorted(sorted, percent),
                new Interval(sorted[lo], sorted[hi], "order-statistic"), n);
    }

    private static void put(ObjectNode m, String name, MetricEstimate e) {
        if (e != null) {
            m.set(name, Json.MAPPER.valueToTree(e));
        }
    }
}
