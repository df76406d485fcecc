package dev.tunebench.benchmarks;

import dev.tunebench.reports.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two reports benchmarks/report-open.sh opens side by side in Chromium: {@code large}, 100,000 samples
 * (5 models × 4 techniques × 5,000 rows), and {@code small}, 7,200 samples, the demo run's size.
 */
public final class ReportOpenData {
    static final int LARGE_ROWS = 5_000;
    static final int SMALL_ROWS = 360;

    private ReportOpenData() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ReportOpenData DIR (writes DIR/large and DIR/small, each with report.html)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        for (String name : new String[] {"large", "small"}) {
            Path run = Files.createDirectories(dir.resolve(name));
            ReportBenchmark.writeRun(run, name.equals("large") ? LARGE_ROWS : SMALL_ROWS);
            Reports.writeAll(run);
            System.out.printf("%s: %s (%.1f MB)%n", name, run.resolve("report.html"), Files.size(run.resolve("report.html")) / 1e6);
        }
    }
}
