package dev.tunebench.reports.compare;

import dev.tunebench.gate.Cell;
import dev.tunebench.gate.DataChange;
import dev.tunebench.gate.Difference;
import dev.tunebench.gate.Differences;
import dev.tunebench.gate.RowMetric;
import dev.tunebench.gate.RowOutcome;
import dev.tunebench.gate.RunRows;
import dev.tunebench.reports.Column;
import dev.tunebench.reports.PValueText;
import dev.tunebench.reports.RunFolder;
import dev.tunebench.results.Json;
import dev.tunebench.results.RunManifest;
import dev.tunebench.stats.Bootstrap;
import dev.tunebench.stats.Holm;
import dev.tunebench.stats.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This run against another one (last night's, the blessed one), model × technique by model × technique.
 * Nightly runs share their rows, so the two sides are paired on (row, repeat) — McNemar for pass rates,
 * a paired bootstrap for cost — with Holm over every test, as within a run; a regression that hides in
 * overlapping intervals shows up here. When the data files differ (another sha256), row 17 may be another
 * question: then the sides are compared unpaired, no row is called flipped, and {@link #dataChanges} says why.
 * Latency is left out: it follows the machine's load, not the model, and would flag every rerun.
 * Public only because FreeMarker reads the components of public types alone.
 */
public record RunComparison(String otherLabel, boolean paired, List<String> dataChanges, List<CellChange> changes,
                            Flips flips) {

    /** The metrics compared: the two pass rates and the cost, which follows the token counts. */
    static final List<RowMetric> METRICS = List.of(RowMetric.ACCURACY, RowMetric.FORMAT_ADHERENCE,
            RowMetric.COST_PER_1K_REQUESTS);
    private static final double ONE_SIDED = 0.975;
    private static final long SEED = 20_240_601L;

    /**
     * One model × technique on one metric: before (the other run), now, now − before with its 95% interval,
     * the Holm-adjusted p as text, the verdict for this run, and for pass rates how many rows it now passes
     * that it failed before ({@code fixed}) and the reverse ({@code broke}).
     */
    public record CellChange(String model, String technique, String metric, int n, String before, String now,
                             String difference, String interval, String p, String verdict, int fixed, int broke) {
        public String css() {
            return switch (verdict) {
                case "better" -> "better";
                case "worse" -> "worse";
                default -> "nsd";
            };
        }
    }

    public List<CellChange> significant() {
        return changes.stream().filter(c -> !c.verdict().equals(Verdict.NO_SIGNIFICANT_DIFFERENCE.jsonName())).toList();
    }

    public static RunComparison between(RunFolder now, RunFolder before, String otherLabel) {
        RunManifest nowManifest = manifest(now);
        RunManifest beforeManifest = manifest(before);
        List<String> dataChanges = nowManifest == null || beforeManifest == null
                ? List.of("a run folder has no readable manifest.json, so its data cannot be checked")
                : DataChange.between(nowManifest, beforeManifest);
        boolean paired = dataChanges.isEmpty();
        RunRows nowRows = RunRows.read(now.dir());
        RunRows beforeRows = RunRows.read(before.dir());
        List<Tested> tested = new ArrayList<>();
        for (Map.Entry<Cell, List<RowOutcome>> e : nowRows.cells().entrySet()) {
            List<RowOutcome> old = beforeRows.rows(e.getKey());
            if (old.isEmpty()) {
                continue;
            }
            for (RowMetric metric : METRICS) {
                Differences.Side a = new Differences.Side(old, prices(beforeManifest, e.getKey().model()));
                Differences.Side b = new Differences.Side(e.getValue(), prices(nowManifest, e.getKey().model()));
                if (metric.binary() && e.getValue().stream().allMatch(r -> value(metric, r) == null)) {
                    continue;
                }
                Bootstrap bootstrap = new Bootstrap(SEED, Bootstrap.DEFAULT_RESAMPLES, 0.95);
                Difference d = paired
                        ? Differences.paired(metric, b, a, ONE_SIDED, bootstrap)
                        : Differences.unpaired(metric, b, a, ONE_SIDED, bootstrap);
                tested.add(new Tested(e.getKey(), metric, d, paired && metric.binary() ? flips(metric, old, e.getValue()) : new int[2]));
            }
        }
        // Holm over the tests that ran; an unpaired side (changed data) has no p and stays untested.
        List<Tested> withP = tested.stream().filter(t -> t.d().pValue() != null).toList();
        double[] adjusted = Holm.adjust(withP.stream().mapToDouble(t -> t.d().pValue()).toArray());
        List<CellChange> changes = new ArrayList<>();
        for (Tested t : tested) {
            int i = withP.indexOf(t);
            changes.add(t.change(i < 0 ? null : adjusted[i], withP.size()));
        }
        Flips flips = paired ? Flips.collect(now, before, nowRows, beforeRows) : Flips.none();
        return new RunComparison(otherLabel, paired, List.copyOf(dataChanges), List.copyOf(changes), flips);
    }

    private record Tested(Cell cell, RowMetric metric, Difference d, int[] fixedBroke) {
        CellChange change(Double pAdjusted, int tests) {
            Column column = column(metric);
            boolean testRan = pAdjusted != null;
            String verdict = testRan ? Verdict.decide(d.difference(), pAdjusted, metric.direction()).jsonName() : "untested";
            return new CellChange(cell.model(), cell.technique(), column.label(), d.n(), column.format(d.reference()),
                    column.format(d.candidate()), column.formatDelta(d.difference()),
                    d.interval() == null || !d.interval().isDefined() ? ""
                            : column.formatDeltaInterval(d.interval().low(), d.interval().high()),
                    testRan ? PValueText.of(pAdjusted, null, tests) : "", verdict, fixedBroke[0], fixedBroke[1]);
        }
    }

    private static Column column(RowMetric metric) {
        return switch (metric) {
            case ACCURACY -> Column.ACCURACY;
            case FORMAT_ADHERENCE -> Column.FORMAT_ADHERENCE;
            default -> Column.COST;
        };
    }

    /** {fixed, broke}: rows this run passes that the other failed, and the reverse. */
    private static int[] flips(RowMetric metric, List<RowOutcome> before, List<RowOutcome> now) {
        Map<Long, Double> old = new HashMap<>();
        before.forEach(r -> old.put(r.key(), value(metric, r)));
        int fixed = 0;
        int broke = 0;
        for (RowOutcome r : now) {
            Double a = old.get(r.key());
            Double b = value(metric, r);
            if (a != null && b != null && !a.equals(b)) {
                fixed += b > a ? 1 : 0;
                broke += b < a ? 1 : 0;
            }
        }
        return new int[]{fixed, broke};
    }

    static Double value(RowMetric metric, RowOutcome r) {
        return metric.value(r, null);
    }

    private static RunManifest.ModelEntry prices(RunManifest manifest, String model) {
        if (manifest != null && manifest.models() != null) {
            for (RunManifest.ModelEntry m : manifest.models()) {
                if (m.id().equals(model)) {
                    return m;
                }
            }
        }
        return new RunManifest.ModelEntry(model, "", "", null, null, List.of(), Map.of(), 0, 0);
    }

    private static RunManifest manifest(RunFolder run) {
        if (run.manifest() == null || run.manifest().isMissingNode()) {
            return null;
        }
        try {
            return Json.MAPPER.treeToValue(run.manifest(), RunManifest.class);
        } catch (IOException | IllegalArgumentException unreadable) {
            return null;
        }
    }
}
