package dev.tunebench.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A benchmark, not a test: benchmarks/report-open.sh writes a 100,000-sample and a 7,200-sample report and
 * runs this class on them; it opens each in headless Chromium and times, inside the page, the load and a
 * few filters (one script turn each, so the figures hold the work and the rendering of one page). It only
 * checks that the filters found rows. Skipped, saying why, without -Dtunebench.bench.dir.
 */
class ReportOpenBenchmark {
    private static final String[] FILTERS = {
            "model", "{model: '4'}",
            "wrong, one technique", "{outcome: 'w', technique: '2'}",
            "disagreement A vs B", "{a: '0', b: '4'}",
            "text search", "{q: 'ticket 321'}"};

    @TempDir
    Path tmp;

    @Test
    void openAndFilterLargeAgainstSmall() throws Exception {
        String dir = System.getProperty("tunebench.bench.dir");
        if (dir == null || !Chromium.present()) {
            System.out.println("ReportOpenBenchmark skipped: run benchmarks/report-open.sh"
                    + (Chromium.present() ? "" : "; " + Chromium.skipReason()));
        }
        Assumptions.assumeTrue(dir != null && Chromium.present(), "a benchmark: run benchmarks/report-open.sh");
        double[] small = measure(Path.of(dir, "small", "report.html"), "small");
        double[] large = measure(Path.of(dir, "large", "report.html"), "large");
        System.out.println("ratio large/small (100,000 vs 7,200 samples):");
        String[] names = {"open (navigation to load end)", FILTERS[0], FILTERS[2], FILTERS[4], FILTERS[6]};
        for (int i = 0; i < names.length; i++) {
            System.out.printf(Locale.ROOT, "  %-32s %8.1f ms  %8.1f ms  x%.1f%n", names[i], large[i], small[i], large[i] / small[i]);
        }
    }

    private double[] measure(Path report, String name) throws Exception {
        try (Chromium chromium = new Chromium(tmp.resolve("profile-" + name), 1280, 800)) {
            chromium.open(report);
            double[] ms = new double[1 + FILTERS.length / 2];
            ms[0] = chromium.eval("performance.getEntriesByType('navigation')[0].loadEventEnd").asDouble();
            for (int i = 0; i < FILTERS.length; i += 2) {
                ms[1 + i / 2] = chromium.eval("(function () { var f = document.getElementById('explorer-filter');"
                        + " var v = " + FILTERS[i + 1] + "; var t = performance.now();"
                        + " ['model', 'technique', 'outcome', 'tag', 'a', 'b', 'q'].forEach(function (n) { f.elements[n].value = v[n] || ''; });"
                        + " f.dispatchEvent(new Event('input', {bubbles: true})); return performance.now() - t; })()").asDouble();
                String status = chromium.eval("document.getElementById('explorer-status').textContent").asText();
                assertTrue(status.startsWith("rows 1–"), FILTERS[i] + " in " + name + ": " + status);
            }
            assertTrue(chromium.errors().isEmpty(), chromium.errors().toString());
            return ms;
        }
    }
}
