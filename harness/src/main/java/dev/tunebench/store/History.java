package dev.tunebench.store;

import dev.tunebench.gate.Cell;
import dev.tunebench.gate.RowOutcome;
import dev.tunebench.gate.RunRows;
import dev.tunebench.stats.McNemar;
import dev.tunebench.stats.Verdict;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A metric of a suite across the runs in the store. A change in a 0/1 metric (accuracy, format adherence)
 * is tested against the previous run of the same cell: paired (exact McNemar on the rows both runs share)
 * when the data are the same, else unpaired (two-proportion z-test). Other metrics are shown, not tested.
 */
public final class History {
    private History() {
    }

    /**
     * @param model     only this model, or null
     * @param technique only this technique, or null
     * @param last      only the last N runs (0 = all)
     */
    public static List<HistoryRow> of(SqliteStore store, String suite, String metric, String model, String technique,
                                      int last) {
        List<RunRecord> runs = store.runs(suite);
        Map<String, RunRows> rowsCache = new HashMap<>();
        Function<RunRecord, RunRows> rowsOf = r -> rowsCache.computeIfAbsent(r.runDir() + "\u0000" + r.startedAt(), k -> {
            byte[] blob = store.rows(r.runDir(), r.startedAt());
            return blob == null ? null : RunRecords.baseline(blob, Path.of(r.runDir())).rows();
        });
        Map<String, RunRecord> previousRun = new LinkedHashMap<>();
        Map<String, CellFigure> previousFigure = new LinkedHashMap<>();
        List<HistoryRow> out = new ArrayList<>();
        for (RunRecord run : runs) {
            for (CellFigure f : run.cells()) {
                if (!f.metric().equals(metric) || (model != null && !model.equals(f.model()))
                        || (technique != null && !technique.equals(f.technique()))) {
                    continue;
                }
                String cell = f.model() + "\u0000" + f.technique();
                RunRecord before = previousRun.get(cell);
                CellFigure was = previousFigure.get(cell);
                Double change = was == null || was.value() == null || f.value() == null ? null : f.value() - was.value();
                Double p = null;
                String test = null;
                if (change != null && binary(metric)) {
                    boolean sameData = before.dataSha256() != null && before.dataSha256().equals(run.dataSha256());
                    RunRows now = sameData ? rowsOf.apply(run) : null;
                    RunRows then = sameData ? rowsOf.apply(before) : null;
                    if (now != null && then != null) {
                        p = pairedP(then, now, new Cell(f.model(), f.technique()), metric);
                        test = p == null ? null : McNemar.EXACT;
                    } else if (!sameData) {
                        p = unpairedP(was, f);
                        test = p == null ? null : "two-proportion-z";
                    }
                }
                out.add(new HistoryRow(run.startedAt(), run.runDir(), run.gitCommit(), run.gate(), f.model(),
                        f.technique(), f, change, p, test, p == null ? null : p < Verdict.DEFAULT_ALPHA));
                previousRun.put(cell, run);
                previousFigure.put(cell, f);
            }
        }
        if (last > 0) {
            List<String> keep = runs.stream().map(r -> r.runDir() + "\u0000" + r.startedAt()).toList();
            keep = keep.subList(Math.max(0, keep.size() - last), keep.size());
            List<String> kept = keep;
            out.removeIf(r -> !kept.contains(r.runDir() + "\u0000" + r.startedAt()));
        }
        return out;
    }

    private static boolean binary(String metric) {
        return metric.equals("accuracy") || metric.equals("format_adherence");
    }

    /** Exact McNemar over the (row, repeat) pairs both runs scored; null when they share none. */
    static Double pairedP(RunRows before, RunRows now, Cell cell, String metric) {
        Map<Long, Integer> then = new HashMap<>();
        for (RowOutcome r : before.rows(cell)) {
            Integer v = value(r, metric);
            if (v != null) {
                then.put(r.key(), v);
            }
        }
        int onlyBefore = 0;
        int onlyNow = 0;
        int pairs = 0;
        for (RowOutcome r : now.rows(cell)) {
            Integer v = value(r, metric);
            Integer w = then.get(r.key());
            if (v == null || w == null) {
                continue;
            }
            pairs++;
            if (w == 1 && v == 0) {
                onlyBefore++;
            } else if (w == 0 && v == 1) {
                onlyNow++;
            }
        }
        return pairs == 0 ? null : McNemar.exactP(onlyBefore, onlyNow);
    }

    private static Integer value(RowOutcome r, String metric) {
        return metric.equals("accuracy") ? r.accuracy() : r.formatAdherence();
    }

    /** Two-sided pooled two-proportion z-test from the two runs' values and sample sizes. */
    static Double unpairedP(CellFigure a, CellFigure b) {
        if (a.n() == null || b.n() == null || a.n() == 0 || b.n() == 0) {
            return null;
        }
        double pooled = (a.value() * a.n() + b.value() * b.n()) / (a.n() + b.n());
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / a.n() + 1.0 / b.n()));
        if (se == 0) {
            return Objects.equals(a.value(), b.value()) ? 1.0 : 0.0;
        }
        double z = Math.abs(b.value() - a.value()) / se;
        return 2 * new NormalDistribution().cumulativeProbability(-z);
    }
}
