package dev.tunebench.reports;

import dev.tunebench.reports.html.HtmlReportWriter;
import dev.tunebench.spi.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** What the CLI calls: every registered view into the run folder, or the HTML report on its own. */
public final class Reports {
    private Reports() {
    }

    /**
     * The report writers found with {@link ServiceLoader}, by id. Two writers with one id fail fast, naming
     * the id and both classes, instead of one silently shadowing the other.
     */
    public static Map<String, ReportWriter> writers() {
        Map<String, ReportWriter> writers = new LinkedHashMap<>();
        for (ReportWriter w : ServiceLoader.load(ReportWriter.class, Reports.class.getClassLoader())) {
            ReportWriter previous = writers.putIfAbsent(w.id(), w);
            if (previous != null) {
                throw new IllegalStateException("two report writers have the id '" + w.id() + "': "
                        + previous.getClass().getName() + " and " + w.getClass().getName());
            }
        }
        return writers;
    }

    /** Writes report.html, summary.md and junit.xml (and any other registered view) into {@code runDir}. */
    public static void writeAll(Path runDir) throws IOException {
        for (ReportWriter w : writers().values()) {
            w.write(runDir, runDir.resolve(w.fileName()));
        }
    }

    /** Writes the HTML report of {@code runDir} to {@code out}; with {@code compareDir} non-null, against that run. */
    public static void writeHtml(Path runDir, Path compareDir, Path out) throws IOException {
        new HtmlReportWriter().write(runDir, compareDir, out);
    }
}
