package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tunebench prompt` through the real CLI: demo models, suite rows, and a tool-using template folder. */
class PromptCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DEMO_MODELS = List.of("base", "ckpt-epoch-1", "ckpt-epoch-2", "ckpt-epoch-3",
            "ckpt-epoch-4");
    private static final String MESSAGES = "[{\"role\": \"system\", \"content\": \"You are a support triage assistant.\"},"
            + " {\"role\": \"user\", \"content\": \"my parcel has not arrived\"}]";
    private static final String CHATML = "<|im_start|>system\nYou are a support triage assistant.<|im_end|>\n"
            + "<|im_start|>user\nmy parcel has not arrived<|im_end|>\n<|im_start|>assistant\n";
    private static final Path TOOL_TEMPLATE = Cli.root().resolve("runners/src/test/resources/tool-template");

    @TempDir
    Path tmp;

    @Test
    void everyDemoModelShowsItsExactPromptAndTheTokensGenerateCounts() throws Exception {
        Path messages = Files.writeString(tmp.resolve("m.json"), MESSAGES);
        for (String model : DEMO_MODELS) {
            String dir = Cli.demo().resolve("models").resolve(model).toString();
            Cli r = Cli.run("prompt", "--model", dir, "--messages", messages.toString(), "--json");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode o = JSON.readTree(r.out());
            assertEquals(CHATML, o.get("text").asText(), model);
            int n = o.get("prompt_tokens").asInt();
            assertEquals(n, o.get("token_ids").size());
            assertEquals(n, o.get("tokens").size());
            StringBuilder joined = new StringBuilder();
            o.get("tokens").forEach(t -> joined.append(t.asText()));
            assertEquals(CHATML, joined.toString(), "the pieces spell the prompt: " + model);
            assertEquals("<|im_start|>", o.get("tokens").get(0).asText());
            Cli g = Cli.run("generate", "--model", dir, "--system", "You are a support triage assistant.",
                    "--user", "my parcel has not arrived", "--max-new-tokens", "1", "--json");
            assertEquals(0, g.exitCode(), g.err());
            assertEquals(JSON.readTree(g.out()).get("prompt_tokens").asInt(), n, "the same count as a real request: " + model);
        }
    }

    @Test
    void plainOutputShowsTextCountAndOneLinePerToken() throws Exception {
        Path messages = Files.writeString(tmp.resolve("m.json"), MESSAGES);
        Cli r = Cli.run("prompt", "--model", Cli.demo().resolve("models/base").toString(), "--messages", messages.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("-----\n" + CHATML + "-----\n"), "the text exactly, between rules: " + r.out());
        int n = JSON.readTree(Cli.run("prompt", "--model", Cli.demo().resolve("models/base").toString(), "--messages",
                messages.toString(), "--json").out()).get("prompt_tokens").asInt();
        assertTrue(r.out().contains("prompt tokens: " + n + "\n"), r.out());
        assertTrue(r.out().matches("(?s).*\n\\s+0\\s+\\d+\\s+\"<\\|im_start\\|>\"\n.*"), r.out());
        assertTrue(r.out().contains("\"\\n\""), "a newline token prints escaped: " + r.out());
    }

    @Test
    void messagesFromStandardInputWithoutTheGenerationPrompt() throws Exception {
        InputStream saved = System.in;
        Cli r;
        try {
            System.setIn(new ByteArrayInputStream(MESSAGES.getBytes(StandardCharsets.UTF_8)));
            r = Cli.run("prompt", "--model", Cli.demo().resolve("models/base").toString(), "--messages", "-",
                    "--no-generation-prompt", "--json");
        } finally {
            System.setIn(saved);
        }
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(CHATML.substring(0, CHATML.length() - "<|im_start|>assistant\n".length()),
                JSON.readTree(r.out()).get("text").asText());
        Path model = copyOfBase(tmp.resolve("no-newline"), "{{ messages[0].content }}");
        Path messages = Files.writeString(tmp.resolve("m.json"), MESSAGES);
        Cli plain = Cli.run("prompt", "--model", model.toString(), "--messages", messages.toString());
        assertTrue(plain.out().contains("-----\nYou are a support triage assistant.\n(no newline at the end)\n-----\n"),
                plain.out());
    }

    @Test
    void aSuiteRowThroughATechniqueWithItsCost() throws Exception {
        String suite = Cli.demo().resolve("triage.yaml").toString();
        Cli r = Cli.run("prompt", suite, "--technique", "few-shot-3", "--row", "0", "--model", "ckpt-epoch-4", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode o = JSON.readTree(r.out());
        String text = o.get("text").asText();
        assertTrue(text.startsWith("<|im_start|>system\nClassify the customer's message."), text);
        assertTrue(text.endsWith("<|im_start|>user\nhey, I returned the remote two days ago and still no money back any "
                + "ideas?<|im_end|>\n<|im_start|>assistant\n"), text);
        assertEquals(3, text.split("<\\|im_start\\|>assistant\n\\{").length - 1, "three worked examples: " + text);
        int n = o.get("prompt_tokens").asInt();
        assertEquals(n * 0.0005 / 1000, o.get("prompt_cost").asDouble(), 1e-15);
        assertEquals("USD", o.get("currency").asText());
        Cli byId = Cli.run("prompt", suite, "--technique", "few-shot-3", "--row", "test.jsonl:1", "--model", "ckpt-epoch-4",
                "--json");
        assertEquals(r.out(), byId.out(), "a row id names the same row");
        Cli plain = Cli.run("prompt", suite, "--technique", "as-is", "--row", "0");
        assertTrue(plain.out().contains("prompt cost: "), plain.out());
        assertTrue(plain.out().contains("(base at 5.0E-4 USD per 1K prompt tokens)"), plain.out());
    }

    @Test
    void llama32sTemplateGetsTodaysDateFromStrftimeNowAndTheTools() throws Exception {
        Path template = Cli.root().resolve("runners/src/test/resources/chat-templates/templates/llama-3.2.jinja");
        Path model = copyOfBase(tmp.resolve("llama-3.2"), Files.readString(template));
        JsonNode offered = JSON.readTree(TOOL_TEMPLATE.resolve("cases.json").toFile()).get(0).get("line");
        Path messages = Files.writeString(tmp.resolve("hi.json"), "[{\"role\": \"user\", \"content\": \"Where is my parcel?\"}]");
        Path tools = Files.writeString(tmp.resolve("tools.json"), offered.get("tools").toString());
        java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.ofPattern("dd MMM yyyy", java.util.Locale.ENGLISH);
        String before = java.time.LocalDate.now().format(day);
        Cli r = Cli.run("prompt", "--model", model.toString(), "--messages", messages.toString(), "--tools", tools.toString(), "--json");
        String after = java.time.LocalDate.now().format(day);
        assertEquals(0, r.exitCode(), r.err());
        String text = JSON.readTree(r.out()).get("text").asText();
        assertTrue(text.contains("Today Date: " + before) || text.contains("Today Date: " + after), text);
        String firstTool = offered.get("tools").get(0).get("function").get("name").asText();
        assertTrue(text.contains("\"name\": \"" + firstTool + "\""), "the tools as tojson(indent=4) writes them: " + text);
    }

    @Test
    void aToolUsingTemplateRendersTheToolsAsJinja2Does() throws Exception {
        Path model = toolModel();
        JsonNode expected = JSON.readTree(TOOL_TEMPLATE.resolve("expected.json").toFile());
        for (JsonNode c : JSON.readTree(TOOL_TEMPLATE.resolve("cases.json").toFile())) {
            String name = c.get("name").asText();
            Path line = Files.writeString(tmp.resolve(name + ".json"), c.get("line").toString());
            List<String> args = new java.util.ArrayList<>(List.of("prompt", "--model", model.toString(),
                    "--messages", line.toString(), "--json"));
            if (!c.get("add_generation_prompt").asBoolean()) {
                args.add("--no-generation-prompt");
            }
            Cli r = Cli.run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(expected.get(name).asText(), JSON.readTree(r.out()).get("text").asText(), name);
        }
        // --tools gives the tools apart from the messages.
        JsonNode offered = JSON.readTree(TOOL_TEMPLATE.resolve("cases.json").toFile()).get(0).get("line");
        Path messages = Files.writeString(tmp.resolve("only-messages.json"), offered.get("messages").toString());
        Path tools = Files.writeString(tmp.resolve("tools.json"), offered.get("tools").toString());
        Cli r = Cli.run("prompt", "--model", model.toString(), "--messages", messages.toString(), "--tools",
                tools.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(expected.get("tools-offered").asText(), JSON.readTree(r.out()).get("text").asText());
    }

    @Test
    void aTemplateErrorExitsTwoWithTheTemplatesMessage() throws Exception {
        Path model = copyOfBase(tmp.resolve("strict"), "{% if messages[0].role != 'user' %}{{ raise_exception("
                + "'Conversations must start with a user message') }}{% endif %}{{ messages[0].content }}");
        Path messages = Files.writeString(tmp.resolve("m.json"), MESSAGES);
        Cli r = Cli.run("prompt", "--model", model.toString(), "--messages", messages.toString(), "--json");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("Conversations must start with a user message"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void badInvocationsAreInputErrors() throws Exception {
        String suite = Cli.demo().resolve("triage.yaml").toString();
        Cli noMessages = Cli.run("prompt", "--model", Cli.demo().resolve("models/base").toString());
        assertEquals(2, noMessages.exitCode());
        assertTrue(noMessages.err().contains("prompt needs --model DIR and --messages FILE|-"), noMessages.err());
        Cli technique = Cli.run("prompt", suite, "--technique", "few-shot", "--row", "0");
        assertEquals(2, technique.exitCode());
        assertTrue(technique.err().contains("no technique 'few-shot'"), technique.err());
        Cli row = Cli.run("prompt", suite, "--technique", "as-is", "--row", "100000");
        assertEquals(2, row.exitCode());
        assertTrue(row.err().contains("--row: no row 100000"), row.err());
        Path bad = Files.writeString(tmp.resolve("bad.json"), "[{\"role\": \"tool\", \"content\": \"x\"}]");
        Cli badTool = Cli.run("prompt", "--model", Cli.demo().resolve("models/base").toString(), "--messages", bad.toString());
        assertEquals(2, badTool.exitCode());
        assertTrue(badTool.err().contains("messages[0].tool_call_id: missing"), badTool.err());
    }

    private Path toolModel() throws Exception {
        return copyOfBase(tmp.resolve("tool-model"), Files.readString(TOOL_TEMPLATE.resolve("chat_template.jinja")));
    }

    /** The base demo model's files with another chat template in tokenizer_config.json. */
    private static Path copyOfBase(Path dir, String template) throws Exception {
        Files.createDirectories(dir);
        try (var files = Files.list(Cli.demo().resolve("models/base"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("tokenizer_config.json").toFile());
        config.put("chat_template", template);
        Files.writeString(dir.resolve("tokenizer_config.json"), JSON.writeValueAsString(config));
        return dir;
    }
}
