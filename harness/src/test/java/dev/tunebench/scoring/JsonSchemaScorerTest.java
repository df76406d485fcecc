package dev.tunebench.scoring;

import static dev.tunebench.scoring.Specs.WHERE;
import static dev.tunebench.scoring.Specs.rejected;
import static dev.tunebench.scoring.Specs.scorer;
import static dev.tunebench.scoring.Specs.scorerIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.spi.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSchemaScorerTest {
    /** The demo suite's format-adherence schema, as YAML would parse it. */
    static final Map<String, Object> DEMO = Map.of(
            "type", "object",
            "properties", Map.of("intent", Map.of("enum",
                    List.of("refund", "delivery", "account", "network", "billing", "cancel"))),
            "required", List.of("intent"),
            "additionalProperties", false);
    static final String DEMO_JSON = "{\"type\":\"object\",\"properties\":{\"intent\":{\"enum\":[\"refund\",\"delivery\","
            + "\"account\",\"network\",\"billing\",\"cancel\"]}},\"required\":[\"intent\"],\"additionalProperties\":false}";

    private final Scorer demo = scorer("json_schema", "schema", DEMO);

    @Test
    void demoSchemaAcceptsAKnownIntent() {
        assertEquals(Score.pass("{\"intent\": \"refund\"}"), demo.score("{\"intent\": \"refund\"}", "ignored"));
        assertTrue(demo.score("\n{\"intent\":\"cancel\"}\n", "").passed());
    }

    @Test
    void demoSchemaRejectsAnUnknownIntent() {
        Score score = demo.score("{\"intent\": \"other\"}", "");
        assertEquals(0.0, score.value());
        assertTrue(score.reason().startsWith("schema: /intent: does not have a value in the enumeration"), score.reason());
    }

    @Test
    void demoSchemaRejectsExtraFieldsAndMissingIntent() {
        assertTrue(demo.score("{\"intent\": \"refund\", \"x\": 1}", "").reason().contains("'x' is not defined in the schema"));
        assertTrue(demo.score("{}", "").reason().contains("required property 'intent' not found"));
        assertFalse(demo.score("[\"refund\"]", "").passed());
    }

    @Test
    void demoSchemaRejectsNonJson() {
        for (String answer : List.of("not json", "", "{\"intent\": \"refund\"} trailing", "{'intent': 'refund'}")) {
            Score score = demo.score(answer, "");
            assertEquals(0.0, score.value(), answer);
            assertTrue(score.reason().startsWith("not JSON: "), score.reason());
        }
    }

    @Test
    void schemaFromJsonAndYamlFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("intent.schema.json"), DEMO_JSON);
        Files.writeString(dir.resolve("intent.yaml"), "type: object\nrequired: [intent]\n");
        assertTrue(scorerIn(dir, "json_schema", "schema_file", "intent.schema.json").score("{\"intent\":\"billing\"}", "").passed());
        assertFalse(scorerIn(dir, "json_schema", "schema_file", "intent.schema.json").score("{\"intent\":\"x\"}", "").passed());
        assertTrue(scorerIn(dir, "json_schema", "schema_file", "intent.yaml").score("{\"intent\": 1}", "").passed());
    }

    @Test
    void olderDraftsByTheirSchemaId() {
        Scorer draft7 = scorer("json_schema", "schema", Map.of("$schema", "http://json-schema.org/draft-07/schema",
                "type", "object", "required", List.of("a")));
        assertTrue(draft7.score("{\"a\": 1}", "").passed());
        assertFalse(draft7.score("{\"b\": 1}", "").passed());
    }

    @Test
    void missingOrBothSchemaParams() {
        assertEquals(WHERE + ": schema: missing; give schema or schema_file", rejected("json_schema"));
        assertEquals(WHERE + ": schema_file: give only one of schema and schema_file",
                rejected("json_schema", "schema", DEMO, "schema_file", "x.json"));
    }

    @Test
    void badSchemaFiles(@TempDir Path dir) throws IOException {
        InputException missing = assertThrows(InputException.class,
                () -> scorerIn(dir, "json_schema", "schema_file", "nope.json"));
        assertEquals(WHERE + ": schema_file: file not found: " + dir.resolve("nope.json"), missing.getMessage());
        Files.writeString(dir.resolve("broken.json"), "{\n\"type\": }");
        InputException broken = assertThrows(InputException.class,
                () -> scorerIn(dir, "json_schema", "schema_file", "broken.json"));
        assertTrue(broken.getMessage().startsWith(WHERE + ": schema_file: " + dir.resolve("broken.json")
                + " is not valid JSON: Unexpected character ('}'"), broken.getMessage());
        assertTrue(broken.getMessage().endsWith("at line 2"), broken.getMessage());
    }

    @Test
    void schemaViolatingItsMetaSchemaIsNamedPrecisely() {
        assertEquals(WHERE + ": schema: not a valid JSON Schema (https://json-schema.org/draft/2020-12/schema): /type: does not"
                        + " have a value in the enumeration [\"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\","
                        + " \"string\"]; /type: string found, array expected",
                rejected("json_schema", "schema", Map.of("type", "objekt")));
        assertTrue(rejected("json_schema", "schema", Map.of("required", "intent"))
                .endsWith("/required: string found, array expected"));
    }

    @Test
    void invalidPatternInsideTheSchema() {
        String message = rejected("json_schema", "schema", Map.of("properties", Map.of("a", Map.of("pattern", "[a-"))));
        assertTrue(message.startsWith(WHERE + ": schema: invalid schema: "), message);
        assertTrue(message.contains("PatternSyntaxException"), message);
    }

    @Test
    void unresolvableRefsFailAtCreationWithoutNetwork() {
        assertTrue(rejected("json_schema", "schema", Map.of("$ref", "#/$defs/missing"))
                .startsWith(WHERE + ": schema: invalid schema: "));
        assertTrue(rejected("json_schema", "schema", Map.of("$ref", "https://example.invalid/s.json"))
                .contains("https://example.invalid/s.json"));
    }

    @Test
    void unsupportedDraft() {
        assertTrue(rejected("json_schema", "schema", Map.of("$schema", "http://example.com/my-draft"))
                .startsWith(WHERE + ": schema: $schema 'http://example.com/my-draft' is not a supported draft; expected one of"));
    }
}
