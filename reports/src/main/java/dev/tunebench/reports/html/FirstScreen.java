package dev.tunebench.reports.html;

import dev.tunebench.gate.Baseline;
import dev.tunebench.gate.Cell;
import dev.tunebench.gate.DataChange;
import dev.tunebench.gate.Difference;
import dev.tunebench.gate.Differences;
import dev.tunebench.gate.RowMetric;
import dev.tunebench.gate.RowOutcome;
import dev.tunebench.gate.RunRows;
import dev.tunebench.reports.CellKey;
import dev.tunebench.reports.Column;
import dev.tunebench.reports.Gate;
import dev.tunebench.reports.PValueText;
import dev.tunebench.reports.Recommendation;
import dev.tunebench.reports.RunFolder;
import dev.tunebench.reports.RunSummary;
import dev.tunebench.reports.compare.RunComparison;
import dev.tunebench.results.RunManifest;
import dev.tunebench.stats.Bootstrap;
import dev.tunebench.stats.Holm;
import dev.tunebench.stats.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a reviewer reads first: the gates' verdict, the model × technique to ship and why, its deltas against
 * the baseline model's best cell and against the compared run, and one plain sentence per finding.
 * Public only because FreeMarker reads the components of public types alone.
 */
public record FirstScreen(String decision, String decisionText, String gateCounts, Pick pick, List<String> deltaColumns,
                          List<DeltaRow> deltas, List<String> findings, String pairingNote) {

    /** The recommended cell: its accuracy with the 95% interval, and why it was chosen. */
    public record Pick(String model, String technique, String value, String interval, String why) {
    }

    public record DeltaRow(String against, List<DeltaCell> cells) {
    }

    /** {@code css}: better, worse, nsd (tested, no significant difference) or untested (a plain difference). */
    public record DeltaCell(String text, String css, String title) {
    }

    static final List<Column> COLUMNS = List.of(Column.ACCURACY, Column.FORMAT_ADHERENCE, Column.COST,
            Column.LATENCY_P50, Column.LATENCY_P95);

    /**
     * {@code comparison}/{@code compared}: the --compare run, or null; {@code blessed}: the baseline gate.json
     * names, or null, for the deltas when no run is compared.
     */
    static FirstScreen of(RunFolder run, RunComparison comparison, RunSummary compared, Baseline blessed) {
        RunSummary s = run.summary();
        String decision = run.gates() == null ? "none" : run.gates().go() ? "go" : "nogo";
        String decisionText = run.gates() == null ? "NO GATES" : run.gates().go() ? "GO" : "NO-GO";
        List<String> findings = new ArrayList<>();
        Pick pick = null;
        List<DeltaRow> deltas = new ArrayList<>();
        Recommendation r = Recommendation.of(s, run.gates()).orElse(null);
        if (r == null) {
            findings.add("No model × technique passes the gates with an accuracy, so there is nothing to recommend.");
        } else {
            CellKey key = r.chosen().key();
            pick = new Pick(key.model(), key.technique(), Column.ACCURACY.format(r.chosen().value(Recommendation.PRIMARY)),
                    interval(r.chosen()), "the best accuracy (the primary metric) of the " + r.eligible() + " of "
                    + r.cells() + " model × technique cells that pass the gates");
            RunRows rows = RunRows.read(run.dir());
            if (r.reference() != null && !r.reference().key().equals(key)) {
                Difference d = paired(RowMetric.ACCURACY, rows.rows(cell(key)), rows.rows(cell(r.reference().key())));
                deltas.add(new DeltaRow("vs " + r.reference().key() + " (baseline's best)",
                        againstBaseline(r.chosen(), r.reference(), d)));
                findings.add(pickSentence(r, d));
                findings.add(costSentence(r.chosen(), r.reference(), s.currency()));
            }
            findings.addAll(judgeSentences(r.chosen()));
            if (comparison != null && compared != null) {
                deltas.add(new DeltaRow("vs " + comparison.otherLabel() + " (same cell)",
                        againstOtherRun(r.chosen(), compared, comparison)));
            } else if (blessed != null) {
                deltas.add(new DeltaRow("vs blessed '" + blessed.name() + "' (same cell)",
                        againstBlessed(run, r.chosen(), rows, blessed)));
            }
        }
        findings.addAll(calibrationSentences(run.manifest()));
        if (s.best() != null) {
            findings.add(s.best().model() + " is the best checkpoint by " + s.best().criterion()
                    + (s.overfitting() != null && s.overfitting().detected()
                    ? "; overfitting from " + s.overfitting().fromModel() + "." : "; no overfitting seen."));
        }
        if (comparison != null) {
            findings.add(Math.min(1, findings.size()), comparisonSentence(comparison));
        }
        List<Gate> held = run.gates() == null ? List.of() : run.gates().gates().stream().filter(g -> !g.passed()).toList();
        // Why it is not a go comes first.
        findings.addAll(0, held.stream().limit(3).map(g -> "Gate " + g.name() + " " + (g.failed() ? "failed" : "is inconclusive")
                + (g.scope().isEmpty() ? "" : " for " + g.scope()) + ": " + g.reason()).toList());
        String pairing = comparison == null || comparison.paired() ? null
                : "The data changed since " + comparison.otherLabel() + " (" + String.join("; ", comparison.dataChanges())
                + "): the runs are compared unpaired and no row is called flipped.";
        return new FirstScreen(decision, decisionText, gateCounts(run), pick,
                COLUMNS.stream().map(Column::label).toList(), List.copyOf(deltas), List.copyOf(findings), pairing);
    }

    private static String gateCounts(RunFolder run) {
        if (run.gates() == null) {
            return "no gate.json: run tunebench gate for a go/no-go decision";
        }
        List<Gate> g = run.gates().gates();
        long pass = g.stream().filter(Gate::passed).count();
        long fail = g.stream().filter(Gate::failed).count();
        return g.size() + " gates: " + pass + " pass, " + fail + " fail, " + (g.size() - pass - fail) + " inconclusive";
    }

    /** A pass rate of {@code now} against {@code reference} on the rows both have (McNemar). */
    private static Difference paired(RowMetric metric, List<RowOutcome> now, List<RowOutcome> reference) {
        RunManifest.ModelEntry noPrices = new RunManifest.ModelEntry("", "", "", null, null, List.of(), Map.of(), 0, 0);
        return Differences.paired(metric, new Differences.Side(now, noPrices), new Differences.Side(reference, noPrices),
                0.975, Bootstrap.withSeed(1));
    }

    private static Cell cell(CellKey key) {
        return new Cell(key.model(), key.technique());
    }

    /**
     * Against the blessed run: the pass rates paired on its saved rows (Holm over the two) when the data are
     * the same, the rest plain differences from its summary.
     */
    private static List<DeltaCell> againstBlessed(RunFolder run, dev.tunebench.reports.Cell chosen, RunRows rows,
                                                  Baseline blessed) {
        dev.tunebench.reports.Cell before = RunSummary.from(blessed.summary()).cell(chosen.key()).orElse(null);
        boolean sameData = manifest(run) != null && DataChange.between(manifest(run), blessed.manifest()).isEmpty();
        Difference accuracy = paired(RowMetric.ACCURACY, rows.rows(cell(chosen.key())), blessed.rows().rows(cell(chosen.key())));
        Difference format = paired(RowMetric.FORMAT_ADHERENCE, rows.rows(cell(chosen.key())), blessed.rows().rows(cell(chosen.key())));
        boolean tested = sameData && accuracy.n() > 0 && format.n() > 0;
        double[] p = tested ? Holm.adjust(new double[]{accuracy.pValue(), format.pValue()}) : null;
        List<DeltaCell> cells = new ArrayList<>();
        for (Column c : COLUMNS) {
            Difference d = c == Column.ACCURACY ? accuracy : c == Column.FORMAT_ADHERENCE ? format : null;
            if (tested && d != null) {
                double adjusted = p[c == Column.ACCURACY ? 0 : 1];
                RowMetric metric = c == Column.ACCURACY ? RowMetric.ACCURACY : RowMetric.FORMAT_ADHERENCE;
                String verdict = Verdict.decide(d.difference(), adjusted, metric.direction()).jsonName();
                cells.add(new DeltaCell(c.formatDelta(d.difference()), css(verdict), verdict + ", McNemar on " + d.n()
                        + " paired rows, Holm-adjusted " + PValueText.of(adjusted, null, 2)));
            } else {
                cells.add(before == null ? new DeltaCell("–", "untested", "not in the blessed run")
                        : plain(c, chosen.value(c.metric()), before.value(c.metric())));
            }
        }
        return cells;
    }

    private static RunManifest manifest(RunFolder run) {
        try {
            return run.manifest() == null || run.manifest().isMissingNode() ? null
                    : dev.tunebench.results.Json.MAPPER.treeToValue(run.manifest(), RunManifest.class);
        } catch (java.io.IOException | IllegalArgumentException unreadable) {
            return null;
        }
    }

    private static List<DeltaCell> againstBaseline(dev.tunebench.reports.Cell chosen, dev.tunebench.reports.Cell base,
                                                   Difference accuracy) {
        List<DeltaCell> cells = new ArrayList<>();
        for (Column c : COLUMNS) {
            if (c == Column.ACCURACY && accuracy.pValue() != null && accuracy.n() > 0) {
                String verdict = Verdict.decide(accuracy.difference(), accuracy.pValue(), RowMetric.ACCURACY.direction()).jsonName();
                cells.add(new DeltaCell(c.formatDelta(accuracy.difference()), css(verdict),
                        verdict + ", McNemar on " + accuracy.n() + " paired rows, " + PValueText.of(accuracy.pValue(), null, 1)));
            } else {
                cells.add(plain(c, chosen.value(c.metric()), base.value(c.metric())));
            }
        }
        return cells;
    }

    private static List<DeltaCell> againstOtherRun(dev.tunebench.reports.Cell chosen, RunSummary compared, RunComparison comparison) {
        dev.tunebench.reports.Cell before = compared.cell(chosen.key()).orElse(null);
        List<DeltaCell> cells = new ArrayList<>();
        for (Column c : COLUMNS) {
            RunComparison.CellChange tested = comparison.changes().stream()
                    .filter(x -> x.model().equals(chosen.key().model()) && x.technique().equals(chosen.key().technique())
                            && x.metric().equals(c.label())).findFirst().orElse(null);
            if (tested != null && !tested.verdict().equals("untested")) {
                cells.add(new DeltaCell(tested.difference(), tested.css(), tested.verdict() + ", paired on "
                        + tested.n() + " rows, Holm-adjusted " + tested.p()));
            } else {
                cells.add(before == null ? new DeltaCell("–", "untested", "not in " + comparison.otherLabel())
                        : plain(c, chosen.value(c.metric()), before.value(c.metric())));
            }
        }
        return cells;
    }

    private static DeltaCell plain(Column c, Double now, Double then) {
        if (now == null || then == null) {
            return new DeltaCell("–", "untested", "no value on one side");
        }
        return new DeltaCell(c.formatDelta(now - then), "untested", "a plain difference: no test across these");
    }

    private static String css(String verdict) {
        return verdict.equals("better") ? "better" : verdict.equals("worse") ? "worse" : "nsd";
    }

    private static String interval(dev.tunebench.reports.Cell c) {
        var m = c.metrics().get(Recommendation.PRIMARY);
        return m == null ? "" : Column.ACCURACY.formatInterval(m.ciLow(), m.ciHigh());
    }

    /**
     * What the chosen cell's judges said beyond their mean: a pairwise judge's win rate with its interval and how
     * often its two orders agreed, and the answers a judge could not grade (counted apart, never as fails).
     */
    private static List<String> judgeSentences(dev.tunebench.reports.Cell c) {
        List<String> out = new ArrayList<>();
        c.judges().forEach((name, note) -> {
            var m = c.metrics().get(name);
            if (note.swapConsistency() != null && m != null && m.value() != null) {
                out.add(String.format(Locale.ROOT, "By judge %s, %s wins %.0f%%%s of its pairs against the reference"
                                + " (ties count half); the judge's two orders of a pair agreed %.0f%% of the time.", name, c.key(),
                        100 * m.value(), m.hasInterval() ? String.format(Locale.ROOT, " [%.0f, %.0f]", 100 * m.ciLow(),
                                100 * m.ciHigh()) : "", 100 * note.swapConsistency()));
            }
            if (note.unscored() > 0) {
                out.add("Judge " + name + " could not grade " + note.unscored() + " answers of " + c.key()
                        + ": they are counted apart, not as fails.");
            }
        });
        return out;
    }

    /** How far each judge with labelled answers can be trusted: its agreement with the person who graded them. */
    private static List<String> calibrationSentences(com.fasterxml.jackson.databind.JsonNode manifest) {
        List<String> out = new ArrayList<>();
        if (manifest == null) {
            return out;
        }
        for (com.fasterxml.jackson.databind.JsonNode j : manifest.path("judges")) {
            if (!j.has("labels_graded")) {
                continue;
            }
            double agreement = j.path("labels_agreement").asDouble(Double.NaN);
            double kappa = j.path("labels_kappa").asDouble(Double.NaN);
            out.add(String.format(Locale.ROOT, "Judge %s agrees with a person on %s of %s labelled answers%s%s.",
                    j.path("scorer").asText(), Double.isNaN(agreement) ? "none" : String.format(Locale.ROOT, "%.0f%%",
                            100 * agreement), j.path("labels_graded").asText(),
                    Double.isNaN(kappa) ? "" : String.format(Locale.ROOT, " (Cohen's kappa %.2f)", kappa),
                    j.path("labels").asText().equals(j.path("labels_graded").asText()) ? ""
                            : "; it could not grade " + (j.path("labels").asInt() - j.path("labels_graded").asInt())));
        }
        return out;
    }

    private static String pickSentence(Recommendation r, Difference d) {
        CellKey k = r.chosen().key();
        CellKey b = r.reference().key();
        double diff = r.chosen().value(Recommendation.PRIMARY) - r.reference().value(Recommendation.PRIMARY);
        String sig = d.pValue() == null || d.n() == 0 ? ""
                : d.pValue() < Verdict.DEFAULT_ALPHA ? " — a real difference on the same " + d.n() + " rows (McNemar, "
                + PValueText.of(d.pValue(), null, 1) + ")"
                : " — not distinguishable from noise on these " + d.n() + " rows (McNemar, " + PValueText.of(d.pValue(), null, 1) + ")";
        return k.model() + " with the " + k.technique() + " prompt gets " + Column.ACCURACY.format(r.chosen().value(Recommendation.PRIMARY))
                + " right, " + points(diff) + " than " + b.model() + "'s best prompt (" + b.technique() + ", "
                + Column.ACCURACY.format(r.reference().value(Recommendation.PRIMARY)) + ")" + sig + ".";
    }

    private static String points(double diff) {
        return String.format(Locale.ROOT, "%.1f points %s", Math.abs(100 * diff), diff >= 0 ? "better" : "worse");
    }

    private static String costSentence(dev.tunebench.reports.Cell chosen, dev.tunebench.reports.Cell base, String currency) {
        Double cost = chosen.value(Column.COST.metric());
        Double baseCost = base.value(Column.COST.metric());
        Double p50 = chosen.value(Column.LATENCY_P50.metric());
        Double baseP50 = base.value(Column.LATENCY_P50.metric());
        List<String> parts = new ArrayList<>();
        if (cost != null && baseCost != null && baseCost > 0) {
            parts.add(relative(cost, baseCost, "cheaper", "more expensive") + " (" + Column.COST.format(cost) + " vs "
                    + Column.COST.format(baseCost) + (currency.isEmpty() ? "" : " " + currency) + " per 1k requests)");
        }
        if (p50 != null && baseP50 != null && baseP50 > 0) {
            parts.add(relative(p50, baseP50, "faster", "slower") + " at the median (" + Column.LATENCY_P50.format(p50)
                    + " vs " + Column.LATENCY_P50.format(baseP50) + " ms)");
        }
        return parts.isEmpty() ? "No cost or latency figures to compare per request."
                : "Per request it is " + String.join(" and ", parts) + ".";
    }

    private static String relative(double now, double then, String less, String more) {
        double change = (now - then) / then;
        return Math.abs(change) < 0.005 ? "about as " + (less.equals("cheaper") ? "costly" : "fast")
                : String.format(Locale.ROOT, "%.0f%% %s", Math.abs(100 * change), change < 0 ? less : more);
    }

    private static String comparisonSentence(RunComparison c) {
        if (!c.paired()) {
            return "Against " + c.otherLabel() + ": the data changed, so the runs are compared unpaired.";
        }
        List<RunComparison.CellChange> sig = c.significant();
        String flips = c.flips().regressions() + " rows went from right to wrong and " + c.flips().improvements()
                + " from wrong to right.";
        if (sig.isEmpty()) {
            return "Against " + c.otherLabel() + ": no significant change on the same rows (" + c.changes().size()
                    + " paired tests, Holm-adjusted); " + flips;
        }
        List<String> named = sig.stream().limit(3).map(x -> x.model() + " · " + x.technique() + " " + x.metric().toLowerCase(Locale.ROOT)
                + " " + x.difference() + " (" + x.verdict() + ", " + x.p() + ")").toList();
        return "Against " + c.otherLabel() + ": " + sig.size() + " significant change" + (sig.size() == 1 ? "" : "s") + " — "
                + String.join("; ", named) + (sig.size() > 3 ? "; and " + (sig.size() - 3) + " more" : "") + ". " + flips;
    }
}
