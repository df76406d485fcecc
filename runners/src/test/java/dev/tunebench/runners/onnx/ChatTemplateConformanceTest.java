package dev.tunebench.runners.onnx;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.runners.onnx.template.JinjaTemplate;
import dev.tunebench.runners.onnx.template.Limits;
import dev.tunebench.runners.onnx.template.TemplateException;
import dev.tunebench.spi.InputException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real published chat templates, each case rendered by jinja2 as transformers sets it up
 * (resources/chat-templates/make_expected.py wrote expected.json): tunebench must give the same bytes,
 * or fail where jinja2 fails, with the template's own message when it comes from raise_exception.
 */
class ChatTemplateConformanceTest {
    /** The instant make_expected.py's strftime_now reads. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-26T09:15:00Z"), ZoneOffset.UTC);

    @TestFactory
    @SuppressWarnings("unchecked")
    List<DynamicTest> everyCaseRendersAsJinja2Does() throws IOException {
        Map<String, Object> corpus = new ObjectMapper().readValue(resource("expected.json"), Map.class);
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) corpus.get("templates")) {
            String file = (String) t.get("file");
            Path source = Path.of("chat-templates", file);
            ChatTemplate template = new ChatTemplate(new String(resource(file).readAllBytes(), StandardCharsets.UTF_8),
                    source, (Map<String, String>) t.get("tokens"), CLOCK);
            for (Map<String, Object> c : (List<Map<String, Object>>) t.get("cases")) {
                tests.add(DynamicTest.dynamicTest(t.get("name") + " / " + c.get("name"), () -> check(template, source, c)));
            }
        }
        assertTrue(tests.size() >= 280, "corpus has " + tests.size() + " cases");
        return tests;
    }

    /** One construct at a time (booleans, tojson, str methods, loops, namespace, errors ...), same bar. */
    @TestFactory
    @SuppressWarnings("unchecked")
    List<DynamicTest> everyConstructBehavesAsInJinja2() throws IOException {
        Map<String, Object> corpus = new ObjectMapper().readValue(resource("expected.json"), Map.class);
        Map<String, Object> variables = (Map<String, Object>) corpus.get("variables");
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> snippet : (List<Map<String, Object>>) corpus.get("snippets")) {
            tests.add(DynamicTest.dynamicTest((String) snippet.get("name"), () -> {
                JinjaTemplate template = JinjaTemplate.parse((String) snippet.get("template"), CLOCK, Limits.DEFAULT);
                Map<String, Object> error = (Map<String, Object>) snippet.get("error");
                if (error == null) {
                    assertEquals(snippet.get("expected"), template.render(variables));
                    return;
                }
                TemplateException e = assertThrows(TemplateException.class, () -> template.render(variables),
                        "jinja2 raised " + error);
                boolean raised = (Boolean) error.get("raised");
                assertEquals(raised ? TemplateException.Kind.RAISED : TemplateException.Kind.ERROR, e.kind(),
                        e.getMessage());
                if (raised) {
                    assertEquals(error.get("message"), e.getMessage());
                }
            }));
        }
        assertTrue(tests.size() >= 60, "corpus has " + tests.size() + " snippets");
        return tests;
    }

    @SuppressWarnings("unchecked")
    private static void check(ChatTemplate template, Path source, Map<String, Object> c) {
        List<Map<String, Object>> messages = (List<Map<String, Object>>) c.get("messages");
        List<Map<String, Object>> tools = (List<Map<String, Object>>) c.get("tools");
        boolean prompt = (Boolean) c.get("add_generation_prompt");
        Map<String, Object> error = (Map<String, Object>) c.get("error");
        if (error == null) {
            assertEquals(c.get("expected"), template.render(messages, tools, null, prompt));
            return;
        }
        InputException e = assertThrows(InputException.class, () -> template.render(messages, tools, null, prompt),
                "jinja2 raised " + error);
        assertTrue(e.getMessage().contains(source.toString()), e.getMessage());
        if ((Boolean) error.get("raised")) {
            assertTrue(e.getMessage().contains("refused the conversation: \"" + error.get("message") + "\""),
                    e.getMessage());
        } else {
            assertTrue(e.getMessage().contains("cannot render this conversation"), e.getMessage());
        }
    }

    private static InputStream resource(String name) {
        return ChatTemplateConformanceTest.class.getResourceAsStream("/chat-templates/" + name);
    }
}
