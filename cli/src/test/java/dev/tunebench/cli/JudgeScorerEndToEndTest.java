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
}
