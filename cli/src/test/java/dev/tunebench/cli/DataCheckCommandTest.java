package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tunebench data check} through the real CLI, with the demo model's real tokenizer and template. */
class DataCheckCommandTest {
    static final String ROW = "{\"messages\": [{\"role\": \"system\", \"content\": \"You are a support triage assistant.\"}, "
            + "{\"role\": \"user\", \"content\": \"%s\"}, {\"role\": \"assistant\", \"content\": \"{\\\"intent\\\": \\\"%s\\\"}\"}]}";

    @Test
    void theDemoTrainingFileIsAcceptedWithItsFigures() throws Exception {
        Path data = Cli.demo().resolve("data");
        Cli r = Cli.run("data", "check", data.resolve("train.jsonl").toString(),
                "--model", Cli.demo().resolve("models/base").toString(),
                "--against", data.resolve("test.jsonl").toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(480, json.at("/figures/examples").asInt());
        assertEquals(0, json.get("findings").size());
        assertEquals(3, json.at("/tokens/epochs").asInt(), "480 examples: OpenAI's default of 3 epochs");
        assertEquals(json.at("/tokens/tokens_per_epoch").asLong() * 3, json.at("/tokens/billed_training_tokens").asLong());
        assertEquals(512, json.at("/tokens/context_length").asInt());
        assertEquals(6, json.get("labels").size());
        // The demo's test set was drawn from the same templates as its training set: 54 exact pairs (see
        // OverlapReferenceTest for the pair-by-pair check against a brute-force reference).
        assertEquals(54, json.at("/against/0/exact").asInt());
    }

    @Test
    void textOutputNamesTheEpochRuleAndTheOverlap() {
        Path data = Cli.demo().resolve("data");
        Cli r = Cli.run("data", "check", data.resolve("train.jsonl").toString(),
                "--model", Cli.demo().resolve("models/base").toString(), "--epochs", "4");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("format: OK"), r.out());
        assertTrue(r.out().contains("x 4 epochs") && r.out().contains("(--epochs)"), r.out());
        assertTrue(r.out().contains("tokens per example (") && r.out().contains("p95"), r.out());
        assertTrue(r.out().contains("duplicates inside the file: 68 exact, 309 near"), r.out());
    }

    @Test
    void constructedProblemsAreEachFoundWithTheirLine(@TempDir Path dir) throws Exception {
        String longText = "word ".repeat(700).trim();
        Path train = dir.resolve("train.jsonl");
        Files.writeString(train, String.join("\n",
                String.format(ROW, "my parcel is late", "delivery"),                          // 1
                String.format(ROW, longText, "refund"),                                       // 2 over the context
                String.format(ROW, "My  parcel is LATE", "delivery"),                         // 3 exact duplicate of 1
                String.format(ROW, "where is my parcel it is late again today", "delivery"), // 4
                String.format(ROW, "where is my parcel it is late again today please", "delivery"))  // 5 near 4
                + "\n");
        Path eval = dir.resolve("eval.jsonl");
        Files.writeString(eval, String.format(ROW, "where is my parcel it is late again today", "delivery") + "\n"
                + String.format(ROW, "cancel my plan", "cancel") + "\n");
        Cli r = Cli.run("data", "check", train.toString(), "--model", Cli.demo().resolve("models/base").toString(),
                "--against", eval.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("[2]", json.at("/tokens/over_context_lines").toString());
        assertEquals("exact", pair(json.get("duplicates"), 1, 3).get("kind").asText());
        JsonNode near = pair(json.get("duplicates"), 4, 5);
        assertEquals("near", near.get("kind").asText());
        assertEquals(7 / 8.0, near.get("similarity").asDouble(), 1e-12, "7 shared 3-grams of 8 distinct");
        assertEquals("exact", pair(json.at("/against/0/pairs"), 4, 1).get("kind").asText());
        assertEquals("near", pair(json.at("/against/0/pairs"), 5, 1).get("kind").asText());
    }

    @Test
    void aFileAServiceWouldRejectExitsTwoListingEachLine(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("bad.jsonl");
        Files.writeString(train, String.format(ROW, "ok", "refund") + "\n{\"messages\": [{\"role\": \"human\", "
                + "\"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"x\", \"weight\": 2}]}\n");
        Cli r = Cli.run("data", "check", train.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("bad.jsonl:2: messages[0].role: unknown role 'human'"), r.out());
        assertTrue(r.out().contains("bad.jsonl:2: messages[1].weight: expected 0 or 1, got 2"), r.out());
    }

    @Test
    void aMissingFileOrModelFolderIsAnInputError(@TempDir Path dir) {
        Cli missing = Cli.run("data", "check", dir.resolve("nope.jsonl").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("nope.jsonl: no such file"), missing.err());
        Cli noModel = Cli.run("data", "check", Cli.demo().resolve("data/train.jsonl").toString(),
                "--model", dir.toString());
        assertEquals(2, noModel.exitCode(), noModel.err());
    }

    private static JsonNode pair(JsonNode pairs, int line, int other) {
        for (JsonNode p : pairs) {
            if (p.get("line").asInt() == line && p.get("other_line").asInt() == other) {
                return p;
            }
        }
        throw new AssertionError("no pair " + line + "/" + other + " in " + pairs);
    }
}
