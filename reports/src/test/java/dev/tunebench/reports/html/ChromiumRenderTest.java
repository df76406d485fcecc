package dev.tunebench.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.reports.Reports;
import dev.tunebench.reports.SyntheticRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads report.html in headless Chromium and checks the rendered DOM; skipped where Chromium is absent. */
class ChromiumRenderTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    @Test
    void chromiumRendersTheChartsAndTablesWithoutScriptErrors() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no /usr/bin/chromium");
        Path run = new SyntheticRun(40, "").write(tmp.resolve("run"));
        Reports.writeAll(run);

        Path dom = tmp.resolve("dom.html");
        Path log = tmp.resolve("chromium.log");
        Process p = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + tmp.resolve("profile"),
                "--dump-dom", run.resolve("report.html").toUri().toString()))
                .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        boolean exited = p.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        assertTrue(exited, "chromium did not finish");
        assertEquals(0, p.exitValue(), () -> read(log));

        String rendered = read(dom);
        assertTrue(rendered.split("<svg", -1).length - 1 >= 5, "checkpoint, pareto and latency charts");
        assertTrue(rendered.contains("<table class=\"matrix\">"));
        assertTrue(rendered.contains("class=\"entry\""));
        assertTrue(rendered.contains("<polyline"));
        assertFalse(read(log).contains("Uncaught"), () -> read(log));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
