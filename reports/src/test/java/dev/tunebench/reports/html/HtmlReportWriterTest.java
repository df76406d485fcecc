package dev.tunebench.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.reports.Reports;
import dev.tunebench.reports.SyntheticRun;
import dev.tunebench.reports.Xml;
import dev.tunebench.spi.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class HtmlReportWriterTest {
    @TempDir
    Path tmp;

    @Test
    void reportHoldsEverySectionAndParses() throws Exception {
        SyntheticRun fixture = new SyntheticRun(60, "");
        Path run = fixture.write(tmp.resolve("run"));
        Path out = run.resolve("report.html");
        Reports.writeHtml(run, null, out);

        Document doc = Xml.parse(out);
        for (String id : new String[] {"header", "verdict", "matrix", "checkpoints", "pareto", "latency", "confusion",
                "explorer", "reproduce"}) {
            assertEquals(1, Xml.nodes(doc, "//*[@id='" + id + "']").getLength(), id);
        }
        assertEquals(8, Xml.nodes(doc, "//table[@class='matrix']/tbody/tr").getLength());
        assertTrue(Xml.text(doc, "//table[@class='matrix']").contains("better"), "verdicts from comparisons");
        assertEquals(1, Xml.nodes(doc, "//*[@id='checkpoints']//*[local-name()='svg']").getLength());
        assertTrue(Xml.nodes(doc, "//*[@id='checkpoints']//*[local-name()='polyline']").getLength() >= 3);
        assertTrue(Xml.text(doc, "//*[@id='checkpoints']").contains("best: ckpt-epoch-2"));
        assertTrue(Xml.text(doc, "//*[@id='checkpoints']").contains("overfitting from ckpt-epoch-3"));
        assertEquals(2, Xml.nodes(doc, "//table[contains(@class,'pareto')]//tr[@class='best']").getLength(), "frontier");
        assertEquals(3, Xml.nodes(doc, "//*[@id='latency']//*[local-name()='svg']").getLength(),
                "run latency plus latency and TTFT of the single-stream scenario");
        assertEquals(8, Xml.nodes(doc, "//table[@class='cm']").getLength());
        assertTrue(Xml.text(doc, "//*[@id='verdict']").contains("NO-GO"));
        assertTrue(Xml.text(doc, "//*[@id='reproduce']").contains("tunebench run suites/demo/triage.yaml"));
    }

    @Test
    void explorerPutsBaselineDisagreementsFirstAndShowsOutputsSideBySide() throws Exception {
        Path run = new SyntheticRun(60, "").write(tmp.resolve("run"));
        Path out = tmp.resolve("r.html");
        new HtmlReportWriter().write(run, out);

        Document doc = Xml.parse(out);
        String firstTags = Xml.text(doc, "(//div[@class='entry'])[1]/@data-outcome");
        assertTrue(firstTags.contains("improved") || firstTags.contains("regressed"), firstTags);
        assertEquals(8, Xml.nodes(doc, "(//div[@class='entry'])[1]//tr[contains(@class,'output')]").getLength());
        assertFalse(Xml.text(doc, "(//div[@class='entry'])[1]//pre").isEmpty());
        assertEquals(1, Xml.nodes(doc, "//form[@id='explorer-filter']").getLength());
    }

    @Test
    void explorerIsCappedWithANote() throws Exception {
        Path run = new SyntheticRun(60, "").write(tmp.resolve("run"));
        Path out = tmp.resolve("r.html");
        new HtmlReportWriter(5).write(run, out);

        Document doc = Xml.parse(out);
        assertEquals(5, Xml.nodes(doc, "//div[@class='entry']").getLength());
        assertTrue(Xml.text(doc, "//*[@id='explorer']").contains("keeps at most 5"));
    }

    @Test
    void compareShowsTheMatrixAgainstTheOtherRun() throws Exception {
        Path lastNight = new SyntheticRun(60, "").write(tmp.resolve("last-night"));
        Path tonight = new SyntheticRun(60, "").shifted(-0.3).write(tmp.resolve("tonight"));
        Path out = tmp.resolve("compare.html");
        Reports.writeHtml(tonight, lastNight, out);

        Document doc = Xml.parse(out);
        assertEquals(2, Xml.nodes(doc, "//table[@class='matrix']").getLength());
        String compared = Xml.text(doc, "(//table[@class='matrix'])[2]");
        assertTrue(compared.contains("vs last-night"), compared);
        assertTrue(compared.contains("worse"), "a 30-point drop is outside both intervals");
    }

    @Test
    void minimalRunWithoutOptionalBlocksStillRenders() throws Exception {
        Path run = new SyntheticRun(10, "").minimal().write(tmp.resolve("run"));
        Files.delete(run.resolve("samples.jsonl"));
        Path out = tmp.resolve("r.html");
        Reports.writeHtml(run, null, out);

        Document doc = Xml.parse(out);
        assertEquals(0, Xml.nodes(doc, "//*[@id='checkpoints' or @id='confusion']").getLength());
        assertEquals(8, Xml.nodes(doc, "//table[@class='matrix']/tbody/tr").getLength());
        assertTrue(Files.readString(out, StandardCharsets.UTF_8).contains("No gate.json"));
    }

    @Test
    void missingSummaryIsAnInputErrorNamingTheFile() {
        InputException e = assertThrows(InputException.class,
                () -> Reports.writeHtml(tmp, null, tmp.resolve("r.html")));
        assertTrue(e.getMessage().contains("summary.json"), e.getMessage());
    }
}
