package dev.tunebench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.data.Suggestions;
import dev.tunebench.results.RunManifest;
import dev.tunebench.spi.InputException;
import dev.tunebench.stats.Bootstrap;
import dev.tunebench.stats.Interval;
import dev.tunebench.stats.MetricDirection;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates gate rules on a run folder's contents: thresholds on summary.json figures, relative gates on the
 * per-row outcomes of samples.jsonl (and of the blessed baseline). Each gate is a pre-declared one-sided
 * test at its own level and a release needs every gate to pass, an intersection–union test, so no
 * multiplicity correction is needed (Berger 1982, Technometrics 24:295).
 */
public final class GateEvaluator {
    private final RunManifest manifest;
    private final JsonNode summary;
    private final RunRows rows;
    private final Baseline blessed;
    private final boolean paired;

    /**
     * @param blessed the baseline of {@code --baseline}, or null
     * @param paired  false when the blessed baseline's data differ (then blessed gates compare unpaired)
     */
    public GateEvaluator(RunManifest manifest, JsonNode summary, RunRows rows, Baseline blessed, boolean paired) {
        this.manifest = manifest;
        this.summary = summary;
        this.rows = rows;
        this.blessed = blessed;
        this.paired = paired;
    }

    /** The run-complete gate, then every rule in order. */
    public List<GateOutcome> evaluate(List<GateRule> rules) {
        check(rules);
        List<GateOutcome> out = new ArrayList<>();
        out.add(complete(new GateRule.RunComplete()));
        for (GateRule rule : rules) {
            if (rule instanceof GateRule.Threshold t) {
                out.add(threshold(t));
            } else if (rule instanceof GateRule.Relative r) {
                out.add(relative(r));
            }
        }
        return out;
    }

    /** A mistyped metric or a missing --baseline is a usage error (exit 2), not a no-go. */
    private void check(List<GateRule> rules) {
        Set<String> known = new TreeSet<>();
        summary.path("results").forEach(r -> r.path("metrics").fieldNames().forEachRemaining(known::add));
        for (GateRule rule : rules) {
            if (rule instanceof GateRule.Threshold t && !known.isEmpty() && !known.contains(t.metric())) {
                throw new InputException("gate '" + rule.name() + "': summary.json has no metric '" + t.metric() + "'"
                        + Suggestions.didYouMean(t.metric(), known) + "; metrics: " + String.join(", ", known) + ".");
            }
            if (rule instanceof GateRule.Relative r && r.against() == Against.BLESSED && blessed == null) {
                throw new InputException("gate '" + rule.name() + "' compares with the blessed baseline: give it with "
                        + "--baseline baselines/NAME.json (save one with `tunebench baseline save RUN_DIR --name NAME`).");
            }
        }
    }

    private GateOutcome complete(GateRule rule) {
        if (manifest.complete()) {
            return GateOutcome.pass(rule, Measurement.none(), "every planned sample was run");
        }
        String problems = manifest.problems() == null || manifest.problems().isEmpty() ? "no reason recorded"
                : String.join("; ", manifest.problems());
        return GateOutcome.fail(rule, Measurement.none(), "the run is incomplete (" + problems
                + "); its figures cover only part of the work. Finish it with `tunebench run --resume`.");
    }

    private GateOutcome threshold(GateRule.Threshold t) {
        JsonNode figure = result(t.cell()).path("metrics").path(t.metric());
        if (figure.isMissingNode() || !figure.path("value").isNumber()) {
            return GateOutcome.inconclusive(t, Measurement.none(), missing(t.cell(), t.metric()));
        }
        double value = figure.get("value").asDouble();
        Double low = figure.path("ci_low").isNumber() ? figure.get("ci_low").asDouble() : null;
        Double high = figure.path("ci_high").isNumber() ? figure.get("ci_high").asDouble() : null;
        Measurement m = Measurement.figure(value, low, high, figure.path("method").asText(null),
                figure.path("n").isNumber() ? figure.get("n").asInt() : null);
        return Reasons.threshold(t, m);
    }

    private GateOutcome relative(GateRule.Relative r) {
        List<RowOutcome> candidate = rows.rows(r.cell());
        if (candidate.isEmpty()) {
            return GateOutcome.inconclusive(r, Measurement.none(), r.cell() + " is not in this run; run it "
                    + "(without --models/--techniques leaving it out) to evaluate this gate.");
        }
        Differences.Side side = new Differences.Side(candidate, prices(manifest, r.cell().model()));
        Difference d;
        String reference;
        if (r.against() == Against.BASELINE) {
            Cell base = new Cell(manifest.suite().baseline(), r.cell().technique());
            if (rows.rows(base).isEmpty()) {
                return GateOutcome.inconclusive(r, Measurement.none(), "the baseline " + base + " is not in this run.");
            }
            reference = "baseline " + base;
            d = Differences.paired(r.rowMetric(), side, new Differences.Side(rows.rows(base), prices(manifest, base.model())),
                    r.confidence(), bootstrap());
        } else {
            List<RowOutcome> theirs = blessed.rows().rows(r.cell());
            if (theirs.isEmpty()) {
                return GateOutcome.inconclusive(r, Measurement.none(), "the blessed baseline '" + blessed.name()
                        + "' has no " + r.cell() + "; save a baseline from a run that has it.");
            }
            reference = "blessed '" + blessed.name() + "'";
            Differences.Side their = new Differences.Side(theirs, prices(blessed.manifest(), r.cell().model()));
            d = paired ? Differences.paired(r.rowMetric(), side, their, r.confidence(), bootstrap())
                    : Differences.unpaired(r.rowMetric(), side, their, r.confidence(), bootstrap());
        }
        if (d.n() == 0 || !d.interval().isDefined()) {
            return GateOutcome.inconclusive(r, Measurement.of(d), "too few rows with a " + r.metric()
                    + " value on both sides for an interval (n=" + d.n() + ").");
        }
        MetricDirection direction = r.rowMetric().direction();
        Outcome outcome = r.hypothesis().decide(oriented(d.interval(), direction), r.margin());
        return GateOutcome.of(outcome, r, Measurement.of(d), Reasons.relative(r, d, reference, outcome));
    }

    /** The interval of the difference turned so that positive is better. */
    static Interval oriented(Interval i, MetricDirection direction) {
        return direction == MetricDirection.HIGHER_IS_BETTER || !i.isDefined() ? i
                : new Interval(-i.high(), -i.low(), i.method());
    }

    private Bootstrap bootstrap() {
        RunManifest.Settings s = manifest.settings();
        return new Bootstrap(s.bootstrapSeed(), Math.max(1, s.bootstrapResamples()), 0.95);
    }

    private JsonNode result(Cell cell) {
        for (JsonNode r : summary.path("results")) {
            if (cell.model().equals(r.path("model").asText()) && cell.technique().equals(r.path("technique").asText())) {
                return r;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private String missing(Cell cell, String metric) {
        return result(cell).isMissingNode()
                ? cell + " is not in this run; run it (without --models/--techniques leaving it out) to evaluate this gate."
                : result(cell).path("cached").asInt() > 0
                ? cell + " has no " + metric + " value: " + result(cell).path("cached").asInt() + " of its samples came from "
                        + "the completion cache, whose timings are not this run's. Run with --no-cache (or --refresh-cache) to "
                        + "measure latency, or gate the suite's perf section."
                : cell + " has no " + metric + " value (no rows it applies to).";
    }

    private static RunManifest.ModelEntry prices(RunManifest m, String model) {
        return m.models().stream().filter(e -> e.id().equals(model)).findFirst()
                .orElse(new RunManifest.ModelEntry(model, null, null, null, null, List.of(), java.util.Map.of(), 0, 0));
    }
}
