package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo report as a reviewer opens it: all five demo models × six techniques on the first 60 rows, gated
 * against the committed blessed baseline, rendered by headless Chromium at 1280×800. Skipped, with the
 * reason printed, where Chromium is not installed.
 */
class ReportBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path run;
    static Path report;
    static Chromium chromium;

    @BeforeAll
    static void demoReportInChromium() throws Exception {
        if (!Chromium.present()) {
            System.out.println("ReportBrowserTest skipped: " + Chromium.skipReason());
        }
        Assumptions.assumeTrue(Chromium.present(), Chromium::skipReason);
        run = tmp.resolve("run");
        Cli ran = Cli.run("run", Cli.demo().resolve("triage.yaml").toString(), "--out", run.toString(), "--limit", "60",
                "--no-report");
        assertEquals(0, ran.exitCode(), ran.err());
        Cli.run("gate", run.toString(), "--baseline", Cli.root().resolve("baselines/demo.json").toString());
        Cli reported = Cli.run("report", run.toString());
        assertEquals(0, reported.exitCode(), reported.err());
        report = run.resolve("report.html");
        chromium = new Chromium(tmp.resolve("profile"), 1280, 800);
        chromium.open(report);
    }

    @AfterAll
    static void closeChromium() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void opensWithoutErrorsAndTheDecisionFitsTheFirstScreen() throws Exception {
        assertEquals(List.of(), chromium.errors());
        for (String selector : List.of(".decision", "#recommendation", "#deltas", "#findings", "#heatmap")) {
            JsonNode box = chromium.eval("(function () { var e = document.querySelector('" + selector + "');"
                    + " if (!e) { return null; } var r = e.getBoundingClientRect();"
                    + " return {top: r.top + window.scrollY, bottom: r.bottom + window.scrollY, height: r.height}; })()");
            assertTrue(box.isObject(), selector + " is missing");
            assertTrue(box.get("height").asDouble() > 0, selector + " is not shown");
            assertTrue(box.get("bottom").asDouble() <= 800, selector + " ends below the first 800 px of the page: " + box);
        }
        assertTrue(chromium.eval("document.querySelector('.decision').textContent").asText().matches("GO|NO-GO"));
        assertEquals(30, chromium.eval("document.querySelectorAll('#heatmap tbody td').length").asInt());
    }

    @Test
    void theContentsOpenACollapsedSection() throws Exception {
        assertTrue(chromium.eval("document.querySelectorAll('#toc a').length").asInt() >= 8);
        assertEquals(false, chromium.eval("document.querySelector('#matrix details').open").asBoolean());
        chromium.eval("document.querySelector('#toc a[href=\"#matrix\"]').click()");
        assertEquals(true, chromium.eval("document.querySelector('#matrix details').open").asBoolean());
    }

    @Test
    void explorerFiltersAgreeWithSamplesJsonl() throws Exception {
        Map<String, Map<String, Boolean>> byRow = outcomes(run);
        int ckpt4 = modelIndex("ckpt-epoch-4");
        int base = modelIndex("base");

        filter("{model: '" + ckpt4 + "', outcome: 'w'}");
        long wrongRows = byRow.values().stream().filter(cells -> cells.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("ckpt-epoch-4/") && !e.getValue())).count();
        assertEquals(wrongRows, matching(), "rows where ckpt-epoch-4 is wrong on some technique");
        JsonNode shown = chromium.eval("Array.prototype.map.call(document.querySelectorAll('#explorer tr.output'),"
                + " function (r) { return r.getAttribute('data-model') + ' ' + r.className; })");
        assertTrue(shown.size() > 0 && shown.size() <= 25 * 6, shown.toString());
        shown.forEach(s -> assertTrue(s.asText().startsWith("ckpt-epoch-4 output"), s.asText()));

        filter("{a: '" + base + "', b: '" + ckpt4 + "', technique: '0'}");
        long disagreeing = byRow.values().stream().filter(cells -> cells.containsKey("base/as-is")
                && cells.containsKey("ckpt-epoch-4/as-is")
                && !cells.get("base/as-is").equals(cells.get("ckpt-epoch-4/as-is"))).count();
        assertTrue(disagreeing > 0);
        assertEquals(disagreeing, matching(), "rows where base and ckpt-epoch-4 disagree on as-is");

        filter("{q: 'test.jsonl:17'}");
        assertEquals(1, matching(), "one row id matches");
        assertEquals("test.jsonl:17", chromium.eval("document.querySelector('#explorer .entry-head strong').textContent").asText());

        filter("{}");
        assertEquals(60, matching());
        assertEquals(25, chromium.eval("document.querySelectorAll('#explorer .entry').length").asInt(), "one page");
        chromium.eval("document.getElementById('explorer-next').click()");
        assertTrue(chromium.eval("document.getElementById('explorer-status').textContent").asText().startsWith("rows 26–50"));
        assertEquals(List.of(), chromium.errors());
    }

    @Test
    void printsAsAHandfulOfPages() throws Exception {
        Path pdf = tmp.resolve("report.pdf");
        Chromium.oneShot(tmp.resolve("print-profile"), report, "--no-pdf-header-footer", "--print-to-pdf=" + pdf);
        int pages = Chromium.pdfPages(pdf);
        assertTrue(pages >= 2 && pages <= 12, pages + " pages");
    }

    /** Sets the explorer's filters (unset ones to "") the way a change in the form does. */
    private static void filter(String values) throws Exception {
        chromium.eval("(function () { var f = document.getElementById('explorer-filter'); var v = " + values + ";"
                + " ['model', 'technique', 'outcome', 'tag', 'a', 'b', 'q'].forEach(function (n) {"
                + " f.elements[n].value = v[n] || ''; });"
                + " f.dispatchEvent(new Event('input', {bubbles: true})); })()");
    }

    private static int matching() throws Exception {
        String status = chromium.eval("document.getElementById('explorer-status').textContent").asText();
        if (status.equals("no row matches")) {
            return 0;
        }
        return Integer.parseInt(status.replaceAll("^rows \\d+–\\d+ of (\\d+) matching.*$", "$1"));
    }

    private static int modelIndex(String model) throws Exception {
        return chromium.eval("Array.prototype.map.call(document.querySelectorAll('#explorer-filter select[name=model] option'),"
                + " function (o) { return o.textContent; }).indexOf('" + model + "') - 1").asInt();
    }

    /** Row id → "model/technique" → right, read straight from samples.jsonl (accuracy ≥ 0.5 and no error). */
    private static Map<String, Map<String, Boolean>> outcomes(Path run) throws Exception {
        Map<String, Map<String, Boolean>> rows = new HashMap<>();
        Set<String> seen = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(run.resolve("samples.jsonl"), StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode s = JSON.readTree(line);
                String cell = s.get("model").asText() + "/" + s.get("technique").asText();
                if (!seen.add(cell + "#" + s.get("row").asInt()) || s.path("accuracy").isNull() || s.path("accuracy").isMissingNode()) {
                    continue;
                }
                boolean right = s.path("error").isNull() && s.get("accuracy").asDouble() >= 0.5;
                rows.computeIfAbsent(s.get("row_id").asText(), k -> new HashMap<>()).put(cell, right);
            }
        }
        return rows;
    }
}
