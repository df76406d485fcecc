package dev.tunebench.summary;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import dev.tunebench.stats.Bootstrap;
import dev.tunebench.stats.Holm;
import dev.tunebench.stats.McNemar;
import dev.tunebench.stats.MetricDirection;
import dev.tunebench.stats.PairedComparison;
import dev.tunebench.stats.PairedComparisons;
import dev.tunebench.stats.PValues;
import dev.tunebench.stats.Proportions;
import dev.tunebench.stats.StudentT;
import dev.tunebench.stats.Verdict;
import dev.tunebench.stats.WilcoxonSignedRank;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Paired comparisons of a run (same rows on both sides): every candidate × technique against the
 * baseline with the same technique, and every technique against the reference technique of the same
 * model; Holm–Bonferroni across all of them.
 */
final class Comparisons {
    /** Binary metrics use McNemar; the others a paired bootstrap interval and a signed-rank test. */
    private static final List<String> BINARY = List.of("accuracy", "format_adherence");
    private static final Map<String, CellData.Metric> CONTINUOUS = Map.of(
            "prompt_tokens_mean", CellData.Metric.PROMPT_TOKENS,
            "completion_tokens_mean", CellData.Metric.COMPLETION_TOKENS,
            "latency_ms_mean", CellData.Metric.LATENCY);
    private static final List<String> ORDER = List.of("accuracy", "format_adherence", "prompt_tokens_mean",
            "completion_tokens_mean", "latency_ms_mean");

    private final Bootstrap bootstrap;
    private final List<String> graded;

    /** {@code graded}: the graded scorers, compared after the fixed metrics ({@link GradedScores}). */
    Comparisons(Bootstrap bootstrap, List<String> graded) {
        this.bootstrap = bootstrap;
        this.graded = graded;
    }

    /** {@code logP} is the raw p's natural log, which keeps its order of magnitude below the doubles. */
    private record Pending(String kind, String metric, CellData a, CellData b, PairedComparison result, double logP) {
    }

    private record Tested(PairedComparison result, double logP) {
    }

    ArrayNode build(List<CellData> cells, String baseline, String reference) {
        List<Pending> pending = new ArrayList<>();
        for (CellData b : cells) {
            if (baseline != null && !b.model.equals(baseline)) {
                find(cells, baseline, b.technique).ifPresent(a -> compare("candidate-vs-baseline", a, b, pending));
            }
            if (reference != null && !b.technique.equals(reference)) {
                find(cells, b.model, reference).ifPresent(a -> compare("technique-vs-reference", a, b, pending));
            }
        }
        double[] raw = pending.stream().mapToDouble(p -> p.result.pValue()).toArray();
        double[] adjusted = Holm.adjust(raw);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = 0; i < pending.size(); i++) {
            out.add(toJson(pending.get(i), adjusted[i]));
        }
        return out;
    }

    private static java.util.Optional<CellData> find(List<CellData> cells, String model, String technique) {
        return cells.stream().filter(c -> c.model.equals(model) && c.technique.equals(technique)).findFirst();
    }

    private void compare(String kind, CellData a, CellData b, List<Pending> out) {
        for (String metric : ORDER) {
            Tested tested = BINARY.contains(metric) ? binary(metric, a, b) : continuous(CONTINUOUS.get(metric), a, b);
            if (tested != null) {
                out.add(new Pending(kind, metric, a, b, tested.result, tested.logP));
            }
        }
        for (String scorer : graded) {
            if (ORDER.contains(scorer)) {
                continue;
            }
            Tested tested = GradedScores.corpusMetric(a, scorer).isPresent() ? corpus(scorer, a, b) : gradedMean(scorer, a, b);
            if (tested != null) {
                out.add(new Pending(kind, scorer, a, b, tested.result, tested.logP));
            }
        }
    }

    /** A corpus-level scorer: paired bootstrap of the corpus figure over the rows both sides have. */
    private Tested corpus(String scorer, CellData a, CellData b) {
        var metric = GradedScores.corpusMetric(a, scorer).orElseThrow();
        if (!GradedScores.corpusMetric(b, scorer).equals(java.util.Optional.of(metric))) {
            return null;
        }
        int[] pa = new int[a.size()];
        int[] pb = new int[a.size()];
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            int j = b.positionOf(a.key(i));
            if (j >= 0 && a.corpusCounts(scorer, i) != null && b.corpusCounts(scorer, j) != null) {
                pa[n] = i;
                pb[n] = j;
                n++;
            }
        }
        if (n < 2) {
            return null;
        }
        PairedComparison result = PairedComparisons.corpus(n,
                GradedScores.corpusFigure(a, scorer, metric, java.util.Arrays.copyOf(pa, n)),
                GradedScores.corpusFigure(b, scorer, metric, java.util.Arrays.copyOf(pb, n)), bootstrap);
        return new Tested(result, Math.log(result.pValue()));
    }

    /** A graded scorer's row values: as the continuous metrics, over the rows both sides scored. */
    private Tested gradedMean(String scorer, CellData a, CellData b) {
        double[] va = new double[a.size()];
        double[] vb = new double[a.size()];
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            int j = b.positionOf(a.key(i));
            if (j >= 0 && !Double.isNaN(a.score(scorer, i)) && !Double.isNaN(b.score(scorer, j))) {
                va[n] = a.score(scorer, i);
                vb[n] = b.score(scorer, j);
                n++;
            }
        }
        return n < 2 ? null : pairedMeans(java.util.Arrays.copyOf(va, n), java.util.Arrays.copyOf(vb, n));
    }

    private static Tested binary(String metric, CellData a, CellData b) {
        boolean accuracy = metric.equals("accuracy");
        List<boolean[]> pairs = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            int j = b.positionOf(a.key(i));
            if (j < 0) {
                continue;
            }
            int va = accuracy ? a.accuracy(i) : a.format(i);
            int vb = accuracy ? b.accuracy(j) : b.format(j);
            if (va >= 0 && vb >= 0) {
                pairs.add(new boolean[]{va == 1, vb == 1});
            }
        }
        if (pairs.isEmpty()) {
            return null;
        }
        boolean[] pa = new boolean[pairs.size()];
        boolean[] pb = new boolean[pairs.size()];
        for (int i = 0; i < pa.length; i++) {
            pa[i] = pairs.get(i)[0];
            pb[i] = pairs.get(i)[1];
        }
        PairedComparison result = PairedComparisons.binary(pa, pb, Proportions.DEFAULT_CONFIDENCE);
        return new Tested(result, McNemar.logExactP(result.counts().onlyA(), result.counts().onlyB()));
    }

    private Tested continuous(CellData.Metric metric, CellData a, CellData b) {
        double[] va = new double[a.size()];
        double[] vb = new double[a.size()];
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            int j = b.positionOf(a.key(i));
            if (j >= 0 && a.ok(i) && b.ok(j) && !Double.isNaN(a.value(metric, i)) && !Double.isNaN(b.value(metric, j))) {
                va[n] = a.value(metric, i);
                vb[n] = b.value(metric, j);
                n++;
            }
        }
        if (n < 2) {
            return null;
        }
        return pairedMeans(java.util.Arrays.copyOf(va, n), java.util.Arrays.copyOf(vb, n));
    }

    private Tested pairedMeans(double[] a2, double[] b2) {
        int n = a2.length;
        PairedComparison boot = n <= CellMetrics.BOOTSTRAP_MAX_N
                ? PairedComparisons.continuous(a2, b2, bootstrap)
                : tInterval(a2, b2);
        // The bootstrap p-value cannot go below 1/(B+1), which Holm over a whole run turns into "no
        // significant difference" even for a constant shift; the signed-rank test has no such floor.
        boolean identical = java.util.Arrays.equals(a2, b2);
        WilcoxonSignedRank.Result test = identical ? null : WilcoxonSignedRank.test(a2, b2);
        double p = identical ? 1.0 : test.pValue();
        return new Tested(new PairedComparison(boot.valueA(), boot.valueB(), boot.difference(), boot.interval(),
                PairedComparisons.WILCOXON_SIGNED_RANK, p, boot.effectSize(), boot.effectSizeName(), n, null, null),
                identical ? 0 : test.logP());
    }

    /** Above the bootstrap limit the mean difference's t-interval is as good and far cheaper. */
    private static PairedComparison tInterval(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = b[i] - a[i];
        }
        double mean = dev.tunebench.stats.Percentiles.mean(d);
        return new PairedComparison(dev.tunebench.stats.Percentiles.mean(a), dev.tunebench.stats.Percentiles.mean(b), mean,
                StudentT.meanInterval(d, Proportions.DEFAULT_CONFIDENCE), StudentT.METHOD, Double.NaN, mean,
                PairedComparison.EFFECT_DIFFERENCE, d.length, null, null);
    }

    private static ObjectNode toJson(Pending p, double pAdjusted) {
        PairedComparison r = p.result;
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("kind", p.kind);
        o.put("metric", p.metric);
        o.set("a", side(p.a));
        o.set("b", side(p.b));
        o.put("value_a", r.valueA());
        o.put("value_b", r.valueB());
        o.put("difference", r.difference());
        o.put("ci_low", r.interval().low());
        o.put("ci_high", r.interval().high());
        o.put("ci_method", r.interval().method());
        o.put("test", r.test());
        o.put("p_value", r.pValue());
        o.put("p_adjusted", pAdjusted);
        if (PValues.belowDoubleRange(r.pValue())) {
            // p_value holds the smallest positive double; these say so and give the true magnitude.
            o.put("p_value_below_double", true);
            o.put("p_value_log10", PValues.log10(p.logP));
        }
        o.put("effect_size", r.effectSize());
        o.put("effect_size_name", r.effectSizeName());
        o.put("n", r.n());
        if (r.counts() != null) {
            o.putArray("discordant").add(r.counts().onlyA()).add(r.counts().onlyB());
        }
        if (r.minimumDetectableEffect() != null) {
            o.put("mde", r.minimumDetectableEffect());
        }
        o.put("verdict", Verdict.decide(r.difference(), pAdjusted, MetricDirection.forMetric(p.metric)).jsonName());
        return o;
    }

    private static ObjectNode side(CellData c) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("model", c.model);
        o.put("technique", c.technique);
        return o;
    }
}
