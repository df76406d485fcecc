package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code batch export} writes (format, custom ids, the Azure dialect, files split at a limit) and every bad
 * replay file or export flag through the real CLI: exit 2 with a message naming the file, the line and the fix.
 */
class ReplayInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINE = "{\"row_id\": \"test.jsonl:1\", \"technique\": \"as-is\", \"completion\": \"{}\"}";

    private static Path demoSuite(Path dir, String models) throws IOException {
        return ServedSuites.write(dir, models, "runner: {batch_size: 8}");
    }

    private static Path replaySuite(Path dir, String file) throws IOException {
        return demoSuite(dir, "  - {id: ft, role: baseline, runner: {type: replay, file: " + file + "}}\n");
    }

    private static Cli validateWith(Path dir, String... lines) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("out.jsonl"), List.of(lines));
        return Cli.run("validate", replaySuite(dir, "out.jsonl").toString());
    }

    @Test
    void exportWritesOneBatchLinePerRequestWithItsCustomId(@TempDir Path tmp) throws IOException {
        Path suite = demoSuite(tmp, "  - {id: ft, role: baseline, runner: {type: replay, file: not-yet.jsonl}}\n");
        Path out = tmp.resolve("req.jsonl");
        Cli r = Cli.run("batch", "export", suite.toString(), "--model", "ft", "--techniques", "as-is,structured", "--limit", "2",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals("tb|ft|as-is|test.jsonl:1|0", first.get("custom_id").asText());
        assertEquals("POST", first.get("method").asText());
        assertEquals("/v1/chat/completions", first.get("url").asText());
        JsonNode body = first.get("body");
        assertEquals("ft", body.get("model").asText());
        assertEquals(32, body.get("max_tokens").asInt());
        assertEquals(0, body.get("temperature").asInt());
        assertFalse(body.has("stream"), "a batch request is never streamed");
        // as-is sends the row's own turns, the expected answer left out.
        JsonNode row = JSON.readTree(Files.readAllLines(Cli.demo().resolve("data/test.jsonl")).get(0)).get("messages");
        assertEquals(JSON.createArrayNode().add(row.get(0)).add(row.get(1)), body.get("messages"));
        JsonNode structured = JSON.readTree(lines.get(2)).get("body").get("messages").get(0);
        assertEquals("system", structured.get("role").asText());
        assertTrue(structured.get("content").asText().startsWith("Classify the customer's message. Labels:"));
    }

    @Test
    void azureDialectAndFilesSplitPastTheLimit(@TempDir Path tmp) throws IOException {
        Path suite = demoSuite(tmp, "  - {id: ft, role: baseline, runner: {type: azure, endpoint: \"https://r.openai.azure.com\", "
                + "deployment: my-batch, api_version: 2024-10-21, api_key_env: HOME}}\n");
        Path out = tmp.resolve("req.jsonl");
        Cli r = Cli.run("batch", "export", suite.toString(), "--model", "ft", "--techniques", "as-is", "--limit", "5",
                "--max-requests", "2", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(out), "split output keeps no unsplit file");
        for (int part = 1; part <= 3; part++) {
            Path f = tmp.resolve(String.format("req-%03d.jsonl", part));
            List<String> lines = Files.readAllLines(f);
            assertEquals(part < 3 ? 2 : 1, lines.size(), f.toString());
            JsonNode line = JSON.readTree(lines.get(0));
            assertEquals("/chat/completions", line.get("url").asText());
            assertEquals("my-batch", line.get("body").get("model").asText());
            assertTrue(r.out().contains(f + " (" + lines.size() + " requests)"), r.out());
        }
    }

    @Test
    void exportRefusesWhatTheApiCannotRun(@TempDir Path tmp) throws IOException {
        Path suite = demoSuite(tmp, "  - {id: ft, role: baseline, runner: {type: replay, file: x.jsonl}}\n");
        Cli primed = Cli.run("batch", "export", suite.toString(), "--model", "ft", "--techniques", "structured-primed",
                "--out", tmp.resolve("r.jsonl").toString());
        assertEquals(2, primed.exitCode(), primed.err());
        assertTrue(primed.err().contains("technique 'structured-primed' (row test.jsonl:1, repeat 0): priming needs a server"), primed.err());
        assertTrue(primed.err().contains("--continue-final-message") && primed.err().contains("--techniques"), primed.err());
        assertFalse(Files.exists(tmp.resolve("r.jsonl")) || Files.exists(tmp.resolve("r-001.jsonl")), "nothing written");
        Cli model = Cli.run("batch", "export", suite.toString(), "--model", "fx", "--out", tmp.resolve("r.jsonl").toString());
        assertEquals(2, model.exitCode(), model.err());
        assertTrue(model.err().contains("no model 'fx'"), model.err());
        Cli limit = Cli.run("batch", "export", suite.toString(), "--model", "ft", "--max-requests", "0", "--out", "r.jsonl");
        assertEquals(2, limit.exitCode(), limit.err());
        assertTrue(limit.err().contains("--max-requests must be at least 1"), limit.err());
    }

    @Test
    void badReplayFilesExitTwoNamingFileLineAndFix(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("a");
        Cli json = validateWith(dir, LINE, "{\"row_id\": ");
        assertEquals(2, json.exitCode(), json.err());
        assertTrue(json.err().contains(dir.resolve("out.jsonl") + ":2: not JSON"), json.err());

        Cli dup = validateWith(tmp.resolve("b"), LINE, LINE);
        assertEquals(2, dup.exitCode(), dup.err());
        assertTrue(dup.err().contains("out.jsonl:2: a second answer for technique as-is, row test.jsonl:1, repeat 0 "
                + "(the first is at line 1). Keep one line per request"), dup.err());

        Cli other = validateWith(tmp.resolve("c"), LINE, "{\"custom_id\": \"tb|base|as-is|test.jsonl:2|0\", \"response\": "
                + "{\"status_code\": 200, \"body\": {\"choices\": [{\"message\": {\"content\": \"x\"}}]}}, \"error\": null}");
        assertEquals(2, other.exitCode(), other.err());
        assertTrue(other.err().contains("model 'ft': ") && other.err().contains("out.jsonl:2: this line answers model 'base', but "
                + "the file is replayed for model 'ft'. Give each model its own file (tunebench batch export --model ft)"), other.err());

        Cli wrong = validateWith(tmp.resolve("d"), "{\"custom_id\": \"tb|ft|as-is|test.jsonl:1|0\", \"method\": \"POST\", "
                + "\"url\": \"/v1/chat/completions\", \"body\": {\"model\": \"ft\"}}");
        assertEquals(2, wrong.exitCode(), wrong.err());
        assertTrue(wrong.err().contains("out.jsonl:1: this is a Batch API input (request) line"), wrong.err());

        Cli absent = Cli.run("run", replaySuite(tmp.resolve("e"), "nowhere.jsonl").toString(), "--out", tmp.resolve("e/run").toString());
        assertEquals(2, absent.exitCode(), absent.err());
        assertTrue(absent.err().contains("runner.file: " + tmp.resolve("e/nowhere.jsonl") + " does not exist"), absent.err());
        assertFalse(Files.exists(tmp.resolve("e/run/samples.jsonl")), "nothing runs before the file is checked");

        Cli key = Cli.run("validate", demoSuite(tmp.resolve("f"), "  - {id: ft, role: baseline, runner: {type: replay, fille: x}}\n").toString());
        assertEquals(2, key.exitCode(), key.err());
        assertTrue(key.err().contains("unknown key 'fille' for runner type replay") && key.err().contains("file"), key.err());

        Cli folder = Cli.run("validate", demoSuite(tmp.resolve("g"), "  - {id: ft, path: " + Cli.demo().resolve("models/base")
                + ", role: baseline, runner: {type: replay, file: x}}\n").toString());
        assertEquals(2, folder.exitCode(), folder.err());
        assertTrue(folder.err().contains("runner type replay reads its answers from runner.file"), folder.err());
    }
}
