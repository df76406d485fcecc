package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile chat templates in a model folder, through every command that renders one: generate and prompt exit 2,
 * a run keeps the other model's samples, serve answers 400 and stays up. Each is refused with a template error
 * naming the file, quickly (the sandbox's own limits are tested in the runners module).
 */
class HostileTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reads a class-path resource through a loader; writes 10 MB; recurses without end. */
    private static final Map<String, String> HOSTILE = Map.of(
            "include", "{% include 'tunebench-version.properties' %}",
            "ten-megabytes", "{{ 'x' * 10000000 }}",
            "recursion", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");

    private static Path folderWith(Path dir, String template) throws IOException {
        Path demo = Cli.demo().resolve("models/ckpt-epoch-4");
        Files.createDirectories(dir);
        try (var files = Files.list(demo)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        ObjectNode config = (ObjectNode) JSON.readTree(demo.resolve("tokenizer_config.json").toFile());
        config.put("chat_template", template);
        Files.writeString(dir.resolve("tokenizer_config.json"), JSON.writeValueAsString(config));
        return dir;
    }

    @Test
    void generateAndPromptExit2WithTheTemplatesError(@TempDir Path tmp) throws Exception {
        Path messages = Files.writeString(tmp.resolve("m.json"), "[{\"role\": \"user\", \"content\": \"hi\"}]");
        for (Map.Entry<String, String> h : HOSTILE.entrySet()) {
            Path folder = folderWith(tmp.resolve(h.getKey()), h.getValue());
            Cli g = Cli.run("generate", "--model", folder.toString(), "--user", "hi", "--max-new-tokens", "4");
            assertEquals(2, g.exitCode(), h.getKey() + ": " + g.err());
            assertTrue(g.err().contains("tokenizer_config.json"), h.getKey() + ": " + g.err());
            Cli p = Cli.run("prompt", "--model", folder.toString(), "--messages", messages.toString());
            assertEquals(2, p.exitCode(), h.getKey() + ": " + p.err());
            assertTrue(p.err().contains("tokenizer_config.json"), h.getKey() + ": " + p.err());
        }
    }

    @Test
    void aRunKeepsTheOtherModelsSamplesAndMarksTheHostileOnesErrors(@TempDir Path tmp) throws Exception {
        Path hostile = folderWith(tmp.resolve("hostile"), HOSTILE.get("ten-megabytes"));
        Path suite = tmp.resolve("suite.yaml");
        Files.writeString(suite, """
                data: {eval: %s}
                models:
                  - {id: base, path: %s, role: baseline}
                  - {id: hostile, path: %s}
                runner: {threads: 1}
                generation: {max_new_tokens: 8}
                techniques: [{name: as-is}]
                scorers: [{name: accuracy_json, type: json_match}]
                metrics: {accuracy: accuracy_json}
                """.formatted(Cli.demo().resolve("data/test.jsonl"), Cli.demo().resolve("models/base"), hostile));
        Path run = tmp.resolve("run");
        Cli r = Cli.run("run", suite.toString(), "--out", run.toString(), "--limit", "4", "--no-report");
        List<JsonNode> samples = Files.readAllLines(run.resolve("samples.jsonl")).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertEquals(4, samples.stream().filter(s -> s.get("model").asText().equals("base") && s.get("error").isNull()).count(),
                r.err());
        long refused = samples.stream().filter(s -> s.get("model").asText().equals("hostile")).count();
        boolean modelFailed = r.err().contains("model 'hostile' failed");
        assertTrue(modelFailed || refused == 4, "the hostile model fails, or each of its rows is an error sample: " + r.err());
        samples.stream().filter(s -> s.get("model").asText().equals("hostile"))
                .forEach(s -> assertTrue(s.get("error").asText().contains("tokenizer_config.json"), s.toString()));
    }

    @Test
    void serveAnswers400AndStaysUp(@TempDir Path tmp) throws Exception {
        Path hostile = folderWith(tmp.resolve("hostile"), HOSTILE.get("recursion"));
        try (ServeProcess server = ServeProcess.start("--model", hostile.toString(), "--model",
                Cli.demo().resolve("models/ckpt-epoch-4").toString())) {
            String body = "{\"model\": \"%s\", \"temperature\": 0, \"max_tokens\": 8, "
                    + "\"messages\": [{\"role\": \"user\", \"content\": \"my remote has not arrived\"}]}";
            var refused = server.post("/v1/chat/completions", body.formatted("hostile"));
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(ServeProcess.json(refused.body()).get("error").get("message").asText().contains("tokenizer_config.json"),
                    refused.body());
            var fine = server.post("/v1/chat/completions", body.formatted("ckpt-epoch-4"));
            assertEquals(200, fine.statusCode(), fine.body());
            assertEquals(200, server.get("/health").statusCode());
        }
    }
}
