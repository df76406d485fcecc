package dev.tunebench.perf;

import dev.tunebench.stats.MetricEstimate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The terminal view of perf blocks: one row per block, throughput with its interval across trials. */
public final class PerfTable {
    private static final String[] HEADER = {"model", "scenario", "batch", "workers", "conc", "rate", "requests", "trials",
            "out tok/s [95% CI]", "req/s", "prefill tok/s", "ttft p50/p99 ms", "tpot p50 ms", "latency p50/p99 ms",
            "queue p99 ms", "goodput", "peak rss MB", "cpu cores"};

    private PerfTable() {
    }

    public static void print(List<PerfBlock> blocks, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PerfBlock b : blocks) {
            BlockSetup s = b.setup();
            PerfFigures f = b.figures();
            rows.add(new String[]{s.model(), s.scenario().wireName(), String.valueOf(s.batchSize()),
                    String.valueOf(s.workers()), String.valueOf(s.concurrency()), s.rate() == null ? "-" : fmt(s.rate()),
                    String.valueOf(f.requests()), String.valueOf(f.trials()), withInterval(f.outputTokensPerS()),
                    fmt(value(f.requestsPerS())), fmt(f.prefillTokensPerS()),
                    fmt(f.ttft().p50Ms()) + " / " + fmt(f.ttft().p99Ms()), fmt(f.tpot().p50Ms()),
                    fmt(f.latency().p50Ms()) + " / " + fmt(f.latency().p99Ms()), fmt(f.queue().p99Ms()),
                    f.slos().isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * f.goodputShare()),
                    b.resources().peakRssBytes() == null ? "-" : String.valueOf(b.resources().peakRssBytes() >> 20),
                    fmt(b.resources().cpuCores())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                // Names left-aligned, figures right-aligned so digits line up.
                String format = c < 2 ? "%-" + widths[c] + "s" : "%" + widths[c] + "s";
                line.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, format, row[c]));
            }
            out.println(line.toString().stripTrailing());
        }
        blocks.stream().filter(b -> !b.figures().slos().isEmpty()).findFirst().ifPresent(b ->
                out.println("goodput: share of requests meeting " + String.join(" and ",
                        b.figures().slos().stream().map(Slo::toString).toList())));
        out.flush();
    }

    private static String withInterval(MetricEstimate e) {
        if (e.ciLow() == null || e.ciHigh() == null) {
            return fmt(value(e));
        }
        return fmt(value(e)) + " [" + fmt(e.ciLow()) + ", " + fmt(e.ciHigh()) + "]";
    }

    private static double value(MetricEstimate e) {
        return e.value() == null ? Double.NaN : e.value();
    }

    /** Three significant figures at most, never scientific notation. */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }
}
