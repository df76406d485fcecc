package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tunebench report RUN --compare OTHER` on real demo runs (base and ckpt-epoch-4, as-is, all 240 rows): against
 * a run whose ckpt-epoch-4 folder holds ckpt-epoch-3 it names the flipped rows and calls the drop significant;
 * against an identical rerun it finds nothing.
 */
class ReportCompareTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path demo;
    static Path rerun;
    static Path swapped;

    @BeforeAll
    static void threeRuns() throws Exception {
        Path suite = demoSuite("suite", "ckpt-epoch-4");
        demo = run(suite, "demo");
        rerun = run(suite, "rerun");
        swapped = run(demoSuite("swapped-suite", "ckpt-epoch-3"), "swapped");
    }

    @AfterAll
    static void unlink() throws Exception {
        try (var files = Files.walk(tmp)) {
            for (Path p : files.filter(Files::isSymbolicLink).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path run(Path suite, String name) {
        Path out = tmp.resolve(name);
        Cli r = Cli.run("run", suite.toString(), "--out", out.toString(), "--models", "base,ckpt-epoch-4",
                "--techniques", "as-is", "--no-report");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    /**
     * The demo suite without its perf section (latency is not compared across runs) beside links to its data
     * and models, models/ckpt-epoch-4 linking to {@code epoch4Folder}.
     */
    private static Path demoSuite(String name, String epoch4Folder) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.createSymbolicLink(dir.resolve("data"), Cli.demo().resolve("data"));
        Files.createSymbolicLink(dir.resolve("jobs"), Cli.demo().resolve("jobs"));
        Path models = Files.createDirectories(dir.resolve("models"));
        for (String m : new String[] {"base", "ckpt-epoch-1", "ckpt-epoch-2", "ckpt-epoch-3"}) {
            Files.createSymbolicLink(models.resolve(m), Cli.demo().resolve("models").resolve(m));
        }
        Files.createSymbolicLink(models.resolve("ckpt-epoch-4"), Cli.demo().resolve("models").resolve(epoch4Folder));
        String yaml = Files.readString(Cli.demo().resolve("triage.yaml"));
        int perf = yaml.indexOf("\nperf:");
        Path suite = dir.resolve("triage.yaml");
        Files.writeString(suite, perf < 0 ? yaml : yaml.substring(0, perf + 1));
        return suite;
    }

    @Test
    void aSwappedCheckpointIsASignificantDropWithItsFlippedRowsNamed() throws Exception {
        Path html = tmp.resolve("swapped.html");
        Cli r = Cli.run("report", swapped.toString(), "--compare", demo.toString(), "--out", html.toString());
        assertEquals(0, r.exitCode(), r.err());
        Document doc = parse(html);

        String row = text(doc, "//table[contains(@class,'compare')]//tr[td[1]='ckpt-epoch-4' and td[3]='Accuracy']");
        assertTrue(row.contains("worse"), row);
        assertTrue(text(doc, "//*[@id='findings']").contains("ckpt-epoch-4 · as-is accuracy −"),
                text(doc, "//*[@id='findings']"));

        Set<String> broke = flipped(demo, swapped, true);
        Set<String> fixed = flipped(swapped, demo, true);
        assertTrue(broke.size() > fixed.size(), broke.size() + " vs " + fixed.size());
        assertEquals(broke, rowIds(doc, "broke"));
        assertEquals(fixed, rowIds(doc, "fixed"));
        assertTrue(text(doc, "//details[@id='flips']/summary").contains(broke.size() + " right → wrong"));
        assertEquals(0, nodes(doc, "//*[@id='unpaired']").getLength(), "same data: paired");
    }

    @Test
    void anIdenticalRerunFindsNothing() throws Exception {
        Path html = tmp.resolve("rerun.html");
        Cli r = Cli.run("report", rerun.toString(), "--compare", demo.toString(), "--out", html.toString());
        assertEquals(0, r.exitCode(), r.err());
        Document doc = parse(html);

        assertTrue(text(doc, "//table[contains(@class,'compare')]").contains("No difference"));
        assertEquals(0, nodes(doc, "//details[@id='flips']").getLength());
        String findings = text(doc, "//*[@id='findings']");
        assertTrue(findings.contains("Against demo: no significant change on the same rows"), findings);
        assertTrue(findings.contains("0 rows went from right to wrong and 0 from wrong to right"), findings);
        assertFalse(text(doc, "//*[@id='compare']").contains("worse"));
    }

    private static Set<String> rowIds(Document doc, String kind) throws Exception {
        Set<String> ids = new TreeSet<>();
        var cells = nodes(doc, "//table[contains(@class,'flips')]//tr[@class='" + kind + "' and starts-with(td[1], 'ckpt-epoch-4')]/td[2]");
        for (int i = 0; i < cells.getLength(); i++) {
            ids.add(cells.item(i).getTextContent());
        }
        return ids;
    }

    /** Row ids where ckpt-epoch-4/as-is passed in {@code before} and fails in {@code after}, from samples.jsonl. */
    private static Set<String> flipped(Path before, Path after, boolean rightToWrong) throws Exception {
        Map<String, Boolean> a = accuracy(before);
        Map<String, Boolean> b = accuracy(after);
        Set<String> ids = new TreeSet<>();
        a.forEach((id, right) -> {
            if (right == rightToWrong && b.containsKey(id) && b.get(id) != right) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static Map<String, Boolean> accuracy(Path run) throws Exception {
        Map<String, Boolean> rows = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(run.resolve("samples.jsonl"), StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode s = JSON.readTree(line);
                if (s.get("model").asText().equals("ckpt-epoch-4") && s.get("technique").asText().equals("as-is")) {
                    rows.putIfAbsent(s.get("row_id").asText(), s.get("accuracy").asDouble() >= 1.0);
                }
            }
        }
        return rows;
    }

    /** The report is well-formed XML by design (see report.ftlh), so the JDK's parser and XPath read it. */
    private static Document parse(Path html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(html.toFile());
    }

    private static NodeList nodes(Document doc, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
    }

    private static String text(Document doc, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, doc);
    }
}
