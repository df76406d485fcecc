package dev.tunebench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Untrusted text in every place it can enter (model ids, technique names, prompts, outputs, expected, gates). */
class XssTest {
    static final String EVIL = "<script>alert(1)</script>\"><img src=x onerror=alert(1)></textarea>'|[x](javascript:alert(1))\u0001";

    @TempDir
    Path tmp;

    @Test
    void htmlHoldsUntrustedTextOnlyEscaped() throws Exception {
        Path run = new SyntheticRun(30, EVIL).write(tmp.resolve("run"));
        Path other = new SyntheticRun(30, EVIL).write(tmp.resolve("other"));
        Path out = tmp.resolve("report.html");
        Reports.writeHtml(run, other, out);

        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertFalse(html.contains("<script>alert"), "raw script");
        assertFalse(html.contains("<img"), "raw img");
        assertFalse(html.contains("</textarea>"), "raw textarea close");
        assertEquals(2, html.split("<script", -1).length - 1, "only the report's own script and its explorer data");
        assertTrue(html.contains("<script type=\"application/json\" id=\"explorer-data\">"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));

        Document doc = Xml.parse(out);
        assertEquals(0, Xml.nodes(doc, "//img | //textarea | //*[local-name()='img']").getLength());
        assertEquals(0, Xml.nodes(doc, "//@*[starts-with(name(), 'on')]").getLength(), "no event handler attribute");
        assertTrue(Xml.nodes(doc, "//select[@name='model']/option[contains(., '<script>')]").getLength() > 0,
                "the model id round-trips as text");
        String data = Xml.text(doc, "//script[@id='explorer-data']");
        assertFalse(data.contains("<") || data.contains(">") || data.contains("&"), "nothing in the data can close the script");
        assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(data).toString().contains("<script>alert(1)</script>"),
                "outputs round-trip through the JSON");
        assertTrue(Xml.nodes(doc, "//*[local-name()='svg']//*[local-name()='text'][contains(., '<img')]").getLength() > 0,
                "SVG labels round-trip as text");
    }

    @Test
    void markdownEscapesPipesAndMarkup() throws Exception {
        Path run = new SyntheticRun(30, EVIL).write(tmp.resolve("run"));
        Reports.writeAll(run);

        String md = Files.readString(run.resolve("summary.md"), StandardCharsets.UTF_8);
        assertFalse(md.contains("<script"));
        assertFalse(md.contains("<img"));
        assertFalse(md.replace("\\[", "").replace("\\]", "").contains("["), "every bracket escaped: no link");
        assertTrue(md.contains("&lt;script&gt;"));
        for (String line : md.split("\n")) {
            if (line.startsWith("| base") || line.startsWith("| ckpt")) {
                long cells = line.replace("\\|", "").chars().filter(c -> c == '|').count();
                assertEquals(10, cells, line);
            }
        }
    }

    @Test
    void junitXmlIsWellFormedAndRoundTripsTheText() throws Exception {
        Path run = new SyntheticRun(30, EVIL).write(tmp.resolve("run"));
        Reports.writeAll(run);

        Document doc = Xml.parse(run.resolve("junit.xml"));
        assertEquals(0, Xml.nodes(doc, "//img | //script").getLength());
        assertTrue(Xml.text(doc, "//failure/@message").contains("<script>alert(1)</script>"));
    }
}
