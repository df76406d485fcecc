package dev.tunebench.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overlap note, the job section and the economics section render, with untrusted names only escaped. */
class FineTuneReportTest {
    static final String EVIL = XssTest.EVIL;

    @Test
    void fineTuneSectionsRenderAndEscape(@TempDir Path tmp) throws Exception {
        Path run = new SyntheticRun(30, "").write(tmp.resolve("run"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode s = (ObjectNode) json.readTree(run.resolve("summary.json").toFile());
        s.set("data_overlap", json.readTree("{\"threshold\": 0.7, \"with\": [{\"role\": \"few_shot_pool\", \"file\": "
                + json.writeValueAsString(EVIL) + ", \"exact_pairs\": 3, \"near_pairs\": 4, \"eval_rows_exact\": 2, \"eval_rows\": 5}]}"));
        s.set("jobs", json.readTree("[{\"source\": \"hosted\", \"files\": [\"job.json\"], \"base_model\": " + json.writeValueAsString(EVIL)
                + ", \"hyperparameters\": {\"n_epochs\": 3, " + json.writeValueAsString(EVIL) + ": 1}, \"trained_tokens\": 1000,"
                + " \"axis\": \"step\", \"curve\": [{\"step\": 10, \"train_loss\": 1.2, \"validation_loss\": 1.4},"
                + " {\"step\": 20, \"train_loss\": 0.9, \"validation_loss\": 1.1}],"
                + " \"checkpoints\": [{\"model\": " + json.writeValueAsString(EVIL) + ", \"at\": 20, \"validation_loss\": 1.1}]}]"));
        s.set("economics", json.readTree("{\"currency\": \"USD\", \"horizon_days\": 90, \"quality_bar\": {\"metric\": \"accuracy\","
                + " \"op\": \">=\", \"threshold\": 0.75}, \"reference\": {\"model\": \"base\", \"technique\": \"few-shot\","
                + " \"meets_bar\": true, \"cost_per_1k_requests\": 0.25, \"fixed_per_day\": 0},"
                + " \"cells\": [{\"model\": " + json.writeValueAsString(EVIL) + ", \"technique\": \"as-is\", \"accuracy\": 0.85,"
                + " \"prompt_tokens_saved_per_request\": 300, \"cost_per_1k_requests\": 0.1, \"fixed_per_day\": 36.1,"
                + " \"break_even_requests_per_day\": 240666.7}], \"answer\": \"Yes above 240,667 requests a day.\"}"));
        json.writeValue(run.resolve("summary.json").toFile(), s);
        Path out = tmp.resolve("report.html");
        Reports.writeHtml(run, null, out);

        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertFalse(html.contains("<script>alert"), "raw script");
        assertFalse(html.contains("<img"), "raw img");
        assertTrue(html.contains("5 rows</span> also in few_shot_pool"), "overlap note in the header");
        assertTrue(html.contains("Yes above 240,667 requests a day."), "the answer");
        assertTrue(html.contains("240,667"), "break-even in the table");
        Document doc = Xml.parse(out);
        assertEquals(1, Xml.nodes(doc, "//*[@id='jobs']//*[local-name()='svg']").getLength(), "job curve chart");
        assertEquals(1, Xml.nodes(doc, "//*[@id='economics']//*[local-name()='svg']").getLength(), "cost-versus-volume chart");
        assertTrue(Xml.nodes(doc, "//*[@id='jobs']//*[local-name()='text'][contains(., '<img')]").getLength() > 0,
                "a checkpoint name round-trips as SVG text");
        assertEquals(0, Xml.nodes(doc, "//@*[starts-with(name(), 'on')]").getLength(), "no event handler attribute");
    }

    @Test
    void aRunWithoutTheBlocksHasNoneOfTheSections(@TempDir Path tmp) throws Exception {
        Path run = new SyntheticRun(30, "").write(tmp.resolve("run"));
        Path out = tmp.resolve("report.html");
        Reports.writeHtml(run, null, out);
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertFalse(html.contains("id=\"overlap\"") || html.contains("id=\"jobs\"") || html.contains("id=\"economics\""));
    }
}
