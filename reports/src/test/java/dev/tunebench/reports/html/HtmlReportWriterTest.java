package dev.tunebench.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.reports.Reports;
import dev.tunebench.reports.SyntheticRun;
import dev.tunebench.reports.Xml;
import dev.tunebench.spi.InputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        assertEquals(0, Xml.nodes(doc, "//*[local-name()='svg'][not(@aria-label) or not(*[local-name()='title'])]").getLength(),
                "every chart has a text alternative");
        assertEquals(0, Xml.nodes(doc, "//*[@src or (@href and not(starts-with(@href, '#')))]").getLength(),
                "nothing to fetch: one self-contained file");
    }

    @Test
    void firstScreenNamesTheVerdictTheRecommendedCellAndTheHeatmap() throws Exception {
        Path run = new SyntheticRun(60, "").write(tmp.resolve("run"));
        Path out = tmp.resolve("r.html");
        new HtmlReportWriter().write(run, out);

        Document doc = Xml.parse(out);
        String verdict = Xml.text(doc, "//*[@id='verdict']");
        assertTrue(verdict.contains("NO-GO"), verdict);
        // The best accuracy among cells no gate holds back: ckpt-epoch-3's gate is on as-is only.
        assertEquals("ckpt-epoch-3", Xml.text(doc, "//*[@id='recommendation']/strong[1]"));
        assertEquals("structured", Xml.text(doc, "//*[@id='recommendation']/strong[2]"));
        assertTrue(Xml.text(doc, "//*[@id='findings']").contains("points better than base's best prompt"), verdict);
        assertTrue(Xml.text(doc, "//*[@id='findings']").startsWith("Gate "), "why it is no-go comes first");
        assertEquals(4, Xml.nodes(doc, "//table[@id='heatmap']/tbody/tr").getLength());
        assertEquals(1, Xml.nodes(doc, "//table[@id='heatmap']//td[@class='chosen']").getLength());
        assertTrue(Xml.text(doc, "//table[@id='heatmap']//td[@class='chosen']/@title").contains("["), "interval on hover");
        assertEquals(1, Xml.nodes(doc, "//section[@id='matrix']/details[not(@open)]").getLength(), "full table one click away");
    }

    @Test
    void explorerHoldsEveryRowAsDataBaselineDisagreementsFirst() throws Exception {
        Path run = new SyntheticRun(60, "").write(tmp.resolve("run"));
        Path out = tmp.resolve("r.html");
        new HtmlReportWriter().write(run, out);

        Document doc = Xml.parse(out);
        JsonNode data = new ObjectMapper().readTree(Xml.text(doc, "//script[@id='explorer-data']"));
        assertEquals(8, data.get("cells").size());
        assertEquals(60, data.get("rows").size(), "every row, a page rendered at a time by the script");
        String firstTags = data.get("rows").get(0).get(1).asText();
        assertTrue(firstTags.contains("improved") || firstTags.contains("regressed"), firstTags);
        assertEquals(8, data.get("rows").get(0).get(4).size(), "one output per model × technique");
        assertEquals(1, Xml.nodes(doc, "//form[@id='explorer-filter']").getLength());
    }

    @Test
    void explorerIsCappedWithANote() throws Exception {
        Path run = new SyntheticRun(60, "").write(tmp.resolve("run"));
        Path out = tmp.resolve("r.html");
        new HtmlReportWriter(5).write(run, out);

        Document doc = Xml.parse(out);
        assertEquals(5, new ObjectMapper().readTree(Xml.text(doc, "//script[@id='explorer-data']")).get("rows").size());
        assertTrue(Xml.text(doc, "//*[@id='explorer']").contains("keeps the first 5 rows"));
    }

    @Test
    void compareIsPairedOnTheRowsAndListsTheFlippedOnes() throws Exception {
        Path lastNight = new SyntheticRun(60, "").write(tmp.resolve("last-night"));
        Path tonight = new SyntheticRun(60, "").shifted(-0.3).write(tmp.resolve("tonight"));
        Path out = tmp.resolve("compare.html");
        Reports.writeHtml(tonight, lastNight, out);

        Document doc = Xml.parse(out);
        String compared = Xml.text(doc, "//section[@id='compare']");
        assertTrue(compared.contains("Paired on the same rows"), compared);
        assertTrue(compared.contains("worse"), "a 30-point drop on the same rows");
        assertTrue(Xml.nodes(doc, "//table[contains(@class,'flips')]//tr[@class='broke']").getLength() > 0);
        assertEquals(0, Xml.nodes(doc, "//table[contains(@class,'flips')]//tr[@class='fixed']").getLength(),
                "every row that passed tonight passed last night too");
        assertTrue(Xml.text(doc, "//*[@id='findings']").contains("Against last-night"));
        assertEquals(0, Xml.nodes(doc, "//*[@id='unpaired']").getLength());
    }

    @Test
    void compareOnOtherDataIsUnpairedAndSaysSoOnTheFirstScreen() throws Exception {
        Path lastNight = new SyntheticRun(60, "").write(tmp.resolve("last-night"));
        Path tonight = new SyntheticRun(50, "").write(tmp.resolve("tonight"));
        Path out = tmp.resolve("compare.html");
        Reports.writeHtml(tonight, lastNight, out);

        Document doc = Xml.parse(out);
        assertTrue(Xml.text(doc, "//*[@id='unpaired']").contains("compared unpaired"));
        assertEquals(0, Xml.nodes(doc, "//table[contains(@class,'flips')]").getLength());
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
