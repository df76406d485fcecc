package dev.tunebench.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.reports.Reports;
import dev.tunebench.reports.SyntheticRun;
import dev.tunebench.reports.Xml;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The trend section: drawn from trend.json when the run folder has one, absent otherwise, names escaped. */
class TrendSectionTest {
    @TempDir
    Path tmp;

    private static String cell(String model, double value) {
        return "{\"model\": \"" + model + "\", \"technique\": \"as-is\", \"metric\": \"accuracy\", \"value\": " + value
                + ", \"ci_low\": " + (value - 0.1) + ", \"ci_high\": " + (value + 0.1) + ", \"n\": 60}";
    }

    @Test
    void threeRunsOfTwoCellsGiveTwoLinesOfThreePointsWithIntervals() throws Exception {
        Path run = new SyntheticRun(60, "").write(tmp.resolve("run"));
        String hostile = "<script>alert(1)</script>";
        Files.writeString(run.resolve("trend.json"), "{\"suite\": \"triage\", \"runs\": ["
                + "{\"started_at\": \"2026-11-30T01:00:00Z\", \"git_commit\": \"0123456789abcdef\", \"gate\": \"go\", \"current\": false, \"same_data\": true, \"cells\": ["
                + cell("base", 0.4) + ", " + cell(hostile, 0.6) + "]},"
                + "{\"started_at\": \"2026-12-01T01:00:00Z\", \"git_commit\": null, \"gate\": \"no-go\", \"current\": false, \"same_data\": false, \"cells\": ["
                + cell("base", 0.45) + ", " + cell(hostile, 0.7) + "]},"
                + "{\"started_at\": \"2026-12-02T01:00:00Z\", \"git_commit\": null, \"gate\": null, \"current\": true, \"same_data\": true, \"cells\": ["
                + cell("base", 0.5) + ", " + cell(hostile, 0.8) + "]}]}");
        Path out = run.resolve("report.html");
        Reports.writeHtml(run, null, out);

        Document doc = Xml.parse(out);
        assertEquals(1, Xml.nodes(doc, "//*[@id='trend']//*[local-name()='svg']").getLength());
        assertEquals(2, Xml.nodes(doc, "//*[@id='trend']//*[local-name()='polyline']").getLength());
        assertEquals(6, Xml.nodes(doc, "//*[@id='trend']//*[local-name()='circle']").getLength());
        assertTrue(Xml.text(doc, "//*[@id='trend']").contains(hostile), "shown as text");
        assertFalse(Files.readString(out).contains(hostile), "never as markup");
        assertTrue(Xml.text(doc, "//*[@id='trend']").contains("gate no-go · other data"));
        assertTrue(Xml.text(doc, "//*[@id='trend']").contains("0123456789"));
    }

    @Test
    void noTrendFileNoSection() throws Exception {
        Path run = new SyntheticRun(60, "").write(tmp.resolve("run"));
        Path out = run.resolve("report.html");
        Reports.writeHtml(run, null, out);
        assertEquals(0, Xml.nodes(Xml.parse(out), "//*[@id='trend']").getLength());
    }
}
