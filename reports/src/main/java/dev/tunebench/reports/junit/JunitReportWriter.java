package dev.tunebench.reports.junit;

import dev.tunebench.reports.Cell;
import dev.tunebench.reports.Gate;
import dev.tunebench.reports.GateReport;
import dev.tunebench.reports.RunFolder;
import dev.tunebench.reports.RunSummary;
import dev.tunebench.spi.ReportWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * junit.xml, so CI shows gates as tests: one test case per gate of gate.json, failing ones as failures;
 * without gates, one test case per model × technique that fails when the run is incomplete or the cell
 * has errored samples. An inconclusive gate is a skipped test: JUnit has no third outcome, and the
 * {@code gate} command's exit code remains the authority.
 */
public final class JunitReportWriter implements ReportWriter {

    @Override
    public String id() {
        return "junit";
    }

    @Override
    public String fileName() {
        return "junit.xml";
    }

    @Override
    public void write(Path runDir, Path out) throws IOException {
        RunFolder run = RunFolder.open(runDir);
        try (OutputStream os = Files.newOutputStream(out)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(os, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            if (run.gates() != null && !run.gates().gates().isEmpty()) {
                gates(x, run.summary().suite(), run.gates());
            } else {
                cells(x, run.summary());
            }
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    private static void gates(XMLStreamWriter x, String suite, GateReport report) throws XMLStreamException {
        suiteStart(x, "tunebench.gates." + suite, report.gates().size(),
                report.gates().stream().filter(Gate::failed).count(),
                report.gates().stream().filter(g -> !g.passed() && !g.failed()).count());
        for (Gate g : report.gates()) {
            x.writeStartElement("testcase");
            x.writeAttribute("classname", "tunebench.gates." + suite);
            x.writeAttribute("name", g.scope().isEmpty() ? g.rule() : g.rule() + " [" + g.scope() + "]");
            if (g.failed()) {
                x.writeStartElement("failure");
                x.writeAttribute("message", g.reason());
                x.writeAttribute("type", "gate");
                x.writeCharacters(describe(g));
                x.writeEndElement();
            } else if (!g.passed()) {
                x.writeStartElement("skipped");
                x.writeAttribute("message", g.outcome() + ": " + g.reason());
                x.writeEndElement();
            }
            element(x, "system-out", describe(g));
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    private static void cells(XMLStreamWriter x, RunSummary s) throws XMLStreamException {
        long failures = s.cells().stream().filter(c -> problem(s, c) != null).count();
        suiteStart(x, "tunebench.run." + s.suite(), s.cells().size(), failures, 0);
        for (Cell c : s.cells()) {
            x.writeStartElement("testcase");
            x.writeAttribute("classname", "tunebench.run." + s.suite());
            x.writeAttribute("name", c.key().toString());
            String problem = problem(s, c);
            if (problem != null) {
                x.writeStartElement("failure");
                x.writeAttribute("message", problem);
                x.writeAttribute("type", "run");
                x.writeEndElement();
            }
            StringBuilder out = new StringBuilder("n=" + c.n() + " errors=" + c.errors());
            c.metrics().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> {
                if (e.getValue().value() != null) {
                    out.append('\n').append(e.getKey()).append('=')
                            .append(String.format(Locale.ROOT, "%.6g", e.getValue().value()));
                }
            });
            element(x, "system-out", out.toString());
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    private static String problem(RunSummary s, Cell c) {
        if (!s.complete()) {
            return "run incomplete" + (s.incompleteReason() == null ? "" : ": " + s.incompleteReason());
        }
        if (c.n() == 0) {
            return "no samples";
        }
        return c.errors() > 0 ? c.errors() + " of " + c.n() + " samples errored; see 'error' in samples.jsonl" : null;
    }

    private static void suiteStart(XMLStreamWriter x, String name, long tests, long failures, long skipped)
            throws XMLStreamException {
        x.writeStartElement("testsuite");
        x.writeAttribute("name", name);
        x.writeAttribute("tests", Long.toString(tests));
        x.writeAttribute("failures", Long.toString(failures));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", Long.toString(skipped));
    }

    private static String describe(Gate g) {
        String value = g.value() == null ? "–" : String.format(Locale.ROOT, "%.6g", g.value());
        String interval = g.ciLow() == null || g.ciHigh() == null ? ""
                : String.format(Locale.ROOT, " [%.6g, %.6g]", g.ciLow(), g.ciHigh());
        return g.rule() + ": value " + value + interval + ", " + g.outcome() + (g.reason().isEmpty() ? "" : " — " + g.reason());
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(text);
        x.writeEndElement();
    }
}
