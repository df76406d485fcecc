package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A judge scorer through the real CLI with a real judge: the demo's ckpt-epoch-4 grades every answer. Each
 * kept reply must equal that model's own greedy completion of the filled-in rubric, and each grade must be
 * what the grade rule reads from that reply.
 */
class JudgeScorerEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSTEM = "You are a support triage assistant.";
    private static final Pattern INTENT = Pattern.compile("\"intent\": \"([a-z]+)\"");

    @Test
    void everyAnswerIsGradedByTheJudgeModelAndItsReplyKept(@TempDir Path tmp) throws Exception {
        Path demo = Cli.demo();
        Path suite = tmp.resolve("judge.yaml");
        Files.writeString(suite, """
                name: judged
                data: {eval: %s}
                models:
                  - {id: base, path: %s, role: baseline}
                  - {id: ckpt-epoch-4, path: %s}
                runner: {threads: 1, batch_size: 8}
                generation: {max_new_tokens: 32}
                techniques: [{name: as-is}]
                scorers:
                  - {name: accuracy_json, type: json_match}
                  - name: judge
                    type: judge
                    model: ckpt-epoch-4
                    system: "%s"
                    rubric: "{{answer}}"
                    max_new_tokens: 32
                    grade: {choices: {refund: 1, delivery: 0, account: 0, network: 0, billing: 0, cancel: 0}, pattern: '"intent": "([a-z]+)"'}
                metrics: {accuracy: accuracy_json}
                """.formatted(demo.resolve("data/test.jsonl"), demo.resolve("models/base"),
                demo.resolve("models/ckpt-epoch-4"), SYSTEM));
        Path run = tmp.resolve("run");
        Cli r = Cli.run("run", suite.toString(), "--out", run.toString(), "--limit", "12", "--no-report");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("WARNING: judge scorer 'judge' has no {{expected}} in its rubric"), r.err());

        List<JsonNode> samples = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("samples.jsonl"))) {
            samples.add(JSON.readTree(line));
        }
        assertEquals(24, samples.size());
        List<Prompt> rubrics = samples.stream()
                .map(s -> Prompt.of(List.of(Message.system(SYSTEM), Message.user(s.get("answer").asText())))).toList();
        List<String> expectedReplies;
        List<String> repairReplies = new ArrayList<>();
        String expects = "one of refund, delivery, account, network, billing, cancel";
        try (Runner judge = RunnerFactories.find("onnx").open(demo.resolve("models/ckpt-epoch-4"), new RunnerSettings("cpu", 1, 1))) {
            expectedReplies = judge.generate(rubrics, GenerationSettings.greedy(32)).stream().map(g -> g.text()).toList();
            // A reply without a grade is asked once more: the judge sees its reply and the request for the grade alone.
            for (int i = 0; i < rubrics.size(); i++) {
                if (INTENT.matcher(expectedReplies.get(i)).find()) {
                    repairReplies.add(null);
                    continue;
                }
                List<Message> again = new ArrayList<>(rubrics.get(i).messages());
                again.add(Message.assistant(expectedReplies.get(i)));
                again.add(Message.user(dev.tunebench.scoring.JudgeScorer.repairRequest(expects, false)));
                repairReplies.add(judge.generate(List.of(Prompt.of(again)), GenerationSettings.greedy(32)).get(0).text());
            }
        }
        int unscored = 0;
        int repaired = 0;
        for (int i = 0; i < samples.size(); i++) {
            JsonNode s = samples.get(i);
            String reply = s.get("judge_replies").get("judge").asText();
            Matcher m = INTENT.matcher(expectedReplies.get(i));
            Matcher r2 = repairReplies.get(i) == null ? null : INTENT.matcher(repairReplies.get(i));
            if (m.find()) {
                assertEquals(expectedReplies.get(i), reply);
                assertEquals(m.group(1).equals("refund") ? 1.0 : 0.0, s.get("scores").get("judge").asDouble(), s.toString());
            } else if (r2.find()) {
                repaired++;
                assertEquals(expectedReplies.get(i) + "\n[repair] " + repairReplies.get(i), reply);
                assertEquals(r2.group(1).equals("refund") ? 1.0 : 0.0, s.get("scores").get("judge").asDouble(), s.toString());
            } else {
                unscored++;
                // No grade, or cut off at max_new_tokens before one: either way unscored, with what was expected.
                assertTrue(reply.startsWith("unscored: the judge's reply") && reply.contains(expects), reply);
                assertTrue(reply.endsWith(expectedReplies.get(i)), reply);
                assertFalse(s.get("scores").has("judge"), "an unscored sample is not a failing grade");
            }
        }
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        long reportedUnscored = 0;
        for (JsonNode cell : summary.get("results")) {
            JsonNode judge = cell.get("scores").get("judge");
            reportedUnscored += judge.get("unscored").asLong();
            assertEquals(judge.get("n").asLong() + judge.get("unscored").asLong(), cell.get("n").asLong());
            assertEquals(judge.get("n").asLong(), judge.get("agreement_with_accuracy").get("n").asLong());
        }
        assertEquals(unscored, reportedUnscored);
        assertTrue(unscored < samples.size(), "ckpt-epoch-4 answers most answers with an intent (" + repaired + " after repair)");
    }

    @Test
    void aJudgeWithLabelledAnswersSaysHowOftenItAgreesWithThePerson(@TempDir Path tmp) throws Exception {
        Path demo = Cli.demo();
        // The person's labels: the first 8 test rows' messages, graded with their true intent.
        List<String> answers = new ArrayList<>();
        List<String> intents = new ArrayList<>();
        StringBuilder labels = new StringBuilder();
        for (String line : Files.readAllLines(demo.resolve("data/test.jsonl")).subList(0, 8)) {
            JsonNode messages = JSON.readTree(line).get("messages");
            String message = messages.get(messages.size() - 2).get("content").asText();
            Matcher m = INTENT.matcher(messages.get(messages.size() - 1).get("content").asText());
            assertTrue(m.find());
            answers.add(message);
            intents.add(m.group(1));
            labels.append(JSON.createObjectNode().put("answer", message).put("grade", m.group(1))).append('\n');
        }
        Files.writeString(tmp.resolve("labels.jsonl"), labels);
        Path suite = tmp.resolve("judge.yaml");
        Files.writeString(suite, """
                name: calibrated
                data: {eval: %s}
                models:
                  - {id: base, path: %s, role: baseline}
                runner: {threads: 1}
                techniques: [{name: as-is}]
                scorers:
                  - {name: accuracy_json, type: json_match}
                  - name: judge
                    type: judge
                    runner: {type: onnx, path: %s, threads: 1}
                    system: "%s"
                    rubric: "{{answer}}"
                    labels: labels.jsonl
                    max_new_tokens: 32
                    grade: {choices: {refund: 1, delivery: 0, account: 0, network: 0, billing: 0, cancel: 0}, pattern: '"intent": "([a-z]+)"'}
                metrics: {accuracy: accuracy_json}
                """.formatted(demo.resolve("data/test.jsonl"), demo.resolve("models/base"), demo.resolve("models/ckpt-epoch-4"), SYSTEM));
        Path run = tmp.resolve("run");
        Cli r = Cli.run("run", suite.toString(), "--out", run.toString(), "--limit", "2");
        assertEquals(0, r.exitCode(), r.out() + r.err());

        // What the judge model says of each labelled message, in-process: refund is worth 1, every other intent 0.
        int agreed = 0;
        try (Runner judge = RunnerFactories.find("onnx").open(demo.resolve("models/ckpt-epoch-4"), new RunnerSettings("cpu", 1, 1))) {
            List<Prompt> prompts = answers.stream().map(a -> Prompt.of(List.of(Message.system(SYSTEM), Message.user(a)))).toList();
            List<String> replies = judge.generate(prompts, GenerationSettings.greedy(32)).stream().map(g -> g.text()).toList();
            for (int i = 0; i < replies.size(); i++) {
                Matcher m = INTENT.matcher(replies.get(i));
                assertTrue(m.find(), "every labelled message gets an intent at once (else pick other rows): " + replies.get(i));
                agreed += m.group(1).equals("refund") == intents.get(i).equals("refund") ? 1 : 0;
            }
        }
        JsonNode entry = JSON.readTree(run.resolve("manifest.json").toFile()).get("judges").get(0);
        assertEquals("8", entry.get("labels").asText());
        assertEquals("8", entry.get("labels_graded").asText());
        assertEquals(agreed / 8.0, entry.get("labels_agreement").asDouble(), 1e-12);
        assertTrue(r.err().contains("judge judge agrees with " + agreed + " of 8 labelled answers it graded"), r.err());
        assertTrue(Files.readString(run.resolve("report.html")).contains("Judge judge agrees with a person on "),
                "the report's first screen says how far to trust the judge");
    }
}
