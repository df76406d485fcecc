package dev.tunebench.reports.compare;

import dev.tunebench.gate.Cell;
import dev.tunebench.gate.RowMetric;
import dev.tunebench.gate.RowOutcome;
import dev.tunebench.gate.RunRows;
import dev.tunebench.reports.RunFolder;
import dev.tunebench.reports.Text;
import dev.tunebench.results.Sample;
import dev.tunebench.results.SampleReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows whose accuracy flipped between two runs on the same data, with both outputs side by side:
 * regressions (passed before, fail now) first. At most {@link #CAP} are kept with their texts, so the
 * report stays small when a whole model changed; {@code regressions} and {@code improvements} count them all.
 */
public record Flips(List<Flip> shown, int regressions, int improvements) {
    static final int CAP = 200;
    private static final int TEXT_CHARS = 600;

    /** One flipped row of one model × technique; {@code broke} is true when it passed before and fails now. */
    public record Flip(String model, String technique, String rowId, boolean broke, String expected, String before,
                       String now) {
    }

    public int total() {
        return regressions + improvements;
    }

    static Flips none() {
        return new Flips(List.of(), 0, 0);
    }

    static Flips collect(RunFolder now, RunFolder before, RunRows nowRows, RunRows beforeRows) {
        List<Key> broke = new ArrayList<>();
        List<Key> fixed = new ArrayList<>();
        for (Map.Entry<Cell, List<RowOutcome>> e : nowRows.cells().entrySet()) {
            Map<Long, Double> old = new HashMap<>();
            beforeRows.rows(e.getKey()).forEach(r -> old.put(r.key(), RunComparison.value(RowMetric.ACCURACY, r)));
            for (RowOutcome r : e.getValue()) {
                Double a = old.get(r.key());
                Double b = RunComparison.value(RowMetric.ACCURACY, r);
                if (a != null && b != null && !a.equals(b)) {
                    (b < a ? broke : fixed).add(new Key(e.getKey().model(), e.getKey().technique(), r.key()));
                }
            }
        }
        Map<Key, Boolean> flipped = new LinkedHashMap<>();
        broke.stream().limit(CAP).forEach(k -> flipped.put(k, true));
        fixed.stream().limit(Math.max(0, CAP - flipped.size())).forEach(k -> flipped.put(k, false));
        Map<Key, Sample> nowSamples = samples(now, flipped);
        Map<Key, Sample> beforeSamples = samples(before, flipped);
        List<Flip> shown = new ArrayList<>();
        flipped.forEach((k, isBroke) -> {
            Sample b = nowSamples.get(k);
            Sample a = beforeSamples.get(k);
            if (a != null && b != null) {
                shown.add(new Flip(k.model(), k.technique(), b.rowId() != null ? b.rowId() : "row " + b.row(), isBroke,
                        Text.truncate(nonNull(b.expected()), TEXT_CHARS), output(a), output(b)));
            }
        });
        return new Flips(List.copyOf(shown), broke.size(), fixed.size());
    }

    private record Key(String model, String technique, long row) {
    }

    /** The first sample of each wanted key, as the summary counts a resumed run's repeat once. */
    private static Map<Key, Sample> samples(RunFolder run, Map<Key, Boolean> wanted) {
        Map<Key, Sample> found = new HashMap<>();
        SampleReader.forEach(run.dir(), s -> {
            Key k = new Key(s.model(), s.technique(), RowOutcome.of(s).key());
            if (wanted.containsKey(k)) {
                found.putIfAbsent(k, s);
            }
        });
        return found;
    }

    private static String output(Sample s) {
        String text = s.error() != null ? "error: " + s.error() : s.answer() != null ? s.answer() : nonNull(s.completion());
        return Text.truncate(text, TEXT_CHARS);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
