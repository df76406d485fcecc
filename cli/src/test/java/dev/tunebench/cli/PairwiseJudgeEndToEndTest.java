package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pairwise judge through the real CLI, served by a real {@code tunebench serve}: the fine-tune's answers are
 * compared with the base model's (which runs first although listed second), each pair in both orders. The
 * served judge refuses response_format, so the default structured: auto falls back to free text and says so in
 * the manifest. Each kept reply must equal the judge model's own greedy completion of that order's rubric,
 * and each score the mean of the two verdicts from the fine-tune's side.
 */
class PairwiseJudgeEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSTEM = "You are a support triage assistant.";
    private static final Pattern INTENT = Pattern.compile("\"intent\": \"([a-z]+)\"");
    /** What each verdict is worth to answer A: arbitrary, but fixed, so the two orders can disagree. */
    private static final Map<String, Double> WORTH = Map.of("refund", 1.0, "delivery", 0.0, "account", 0.5,
            "network", 1.0, "billing", 0.0, "cancel", 0.5);
    private static final double PROMPT_PER_1K = 0.001;
    private static final double COMPLETION_PER_1K = 0.002;
    private static ServeProcess serve;

    @BeforeAll
    static void startServe() throws Exception {
        serve = ServeProcess.start("--model", Cli.demo().resolve("models/ckpt-epoch-4").toString());
    }

    @AfterAll
    static void stopServe() throws Exception {
        if (serve != null) {
            serve.close();
        }
    }

    /**
     * A suite in {@code dir} on the demo's test data, technique as-is and json_match accuracy, with these models
     * (YAML list items), top-level settings and judge scorer (a YAML list item).
     */
    private static Path suite(Path dir, String models, String settings, String judge) throws Exception {
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, "name: pairwise\ndata: {eval: " + Cli.demo().resolve("data/test.jsonl") + "}\nmodels:\n"
                + models + settings + "techniques: [{name: as-is}]\nscorers:\n  - {name: accuracy_json, type: json_match}\n"
                + judge + "metrics: {accuracy: accuracy_json}\n");
        return file;
    }

    /** The fine-tune (ft) and the base model (base, the baseline), in that order. */
    private static String ftAndBase() {
        return "  - {id: ft, path: " + Cli.demo().resolve("models/ckpt-epoch-4") + "}\n  - {id: base, path: "
                + Cli.demo().resolve("models/base") + ", role: baseline}\n";
    }

    /** The last intent of the reply that is one of the choices, as the grade rule reads it; null when none is. */
    private static String verdict(String reply) {
        String last = null;
        Matcher m = INTENT.matcher(reply);
        while (m.find()) {
            if (WORTH.containsKey(m.group(1))) {
                last = m.group(1);
            }
        }
        return last;
    }

    private static String rubric(String a, String b) {
        return "First: " + a + "\nSecond: " + b;
    }

    @Test
    void theFineTuneIsComparedWithTheBaseModelInBothOrders(@TempDir Path tmp) throws Exception {
        Path demo = Cli.demo();
        Path suite = suite(tmp, ftAndBase(), """
                runner: {threads: 1, batch_size: 8}
                generation: {max_new_tokens: 24}
                cost:
                  models: {pick-judge: {prompt_per_1k: %s, completion_per_1k: %s}}
                """.formatted(PROMPT_PER_1K, COMPLETION_PER_1K), """
                  - name: pick
                    type: judge
                    runner: {type: openai, base_url: "%s/v1", model: ckpt-epoch-4, concurrency: 2, tokenizer: %s}
                    against: base
                    system: "%s"
                    rubric: "First: {{answer_a}}\\nSecond: {{answer_b}}"
                    max_new_tokens: 24
                    grade: {choices: {refund: 1, delivery: 0, account: 0.5, network: 1, billing: 0, cancel: 0.5}, pattern: '"intent": "([a-z]+)"'}
                """.formatted(serve.base, demo.resolve("models/ckpt-epoch-4"), SYSTEM));

        Cli dry = Cli.run("run", suite.toString(), "--dry-run", "--limit", "12");
        assertEquals(0, dry.exitCode(), dry.err());
        assertTrue(dry.out().lines().anyMatch(l -> l.startsWith("judge pick (pick-judge)") && l.split("\\s+")[3].equals("24")),
                "12 answers of ft, two orders each; base is not judged:\n" + dry.out());

        Path run = tmp.resolve("run");
        Cli r = Cli.run("run", suite.toString(), "--out", run.toString(), "--limit", "12");
        assertEquals(0, r.exitCode(), r.out() + r.err());

        List<JsonNode> samples = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("samples.jsonl"))) {
            samples.add(JSON.readTree(line));
        }
        assertEquals(24, samples.size());
        assertEquals("base", samples.get(0).get("model").asText(), "the model compared with runs first");
        Map<Integer, String> baseAnswers = new HashMap<>();
        List<JsonNode> judged = new ArrayList<>();
        for (JsonNode s : samples) {
            if (s.get("model").asText().equals("base")) {
                assertFalse(s.get("scores").has("pick"), "base is not compared with itself");
                baseAnswers.put(s.get("row").asInt(), s.get("answer").asText());
            } else {
                judged.add(s);
            }
        }

        int checked = 0;
        int consistent = 0;
        long requests = 0;
        double spend = 0;
        try (Runner judge = RunnerFactories.find("onnx").open(demo.resolve("models/ckpt-epoch-4"), new RunnerSettings("cpu", 1, 1))) {
            for (JsonNode s : judged) {
                String mine = s.get("answer").asText();
                String theirs = baseAnswers.get(s.get("row").asInt());
                List<String> replies = judge.generate(List.of(
                        Prompt.of(List.of(Message.system(SYSTEM), Message.user(rubric(mine, theirs)))),
                        Prompt.of(List.of(Message.system(SYSTEM), Message.user(rubric(theirs, mine))))),
                        GenerationSettings.greedy(24)).stream().map(g -> g.text()).toList();
                JsonNode calls = s.get("judge_calls").get("pick");
                requests += calls.get("requests").asLong();
                spend += calls.get("cost").asDouble();
                assertEquals((calls.get("prompt_tokens").asLong() * PROMPT_PER_1K + calls.get("completion_tokens").asLong()
                        * COMPLETION_PER_1K) / 1000, calls.get("cost").asDouble(), 1e-12);
                String first = verdict(replies.get(0));
                String second = verdict(replies.get(1));
                if (first == null || second == null) {
                    continue;  // a repair round follows; its replies are checked in JudgeRoundsTest
                }
                checked++;
                assertEquals("[answer as A] " + replies.get(0) + "\n[answer as B] " + replies.get(1),
                        s.get("judge_replies").get("pick").asText());
                double a = WORTH.get(first);
                double b = 1 - WORTH.get(second);
                assertEquals((a + b) / 2, s.get("scores").get("pick").asDouble(), 1e-12, s.toString());
                assertEquals(2, calls.get("requests").asInt());
                assertEquals(a == b, calls.get("swap_consistent").asBoolean());
                consistent += a == b ? 1 : 0;
            }
        }
        assertTrue(checked >= 6, "most pairs are graded in both orders at once (" + checked + " of 12)");

        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        for (JsonNode cell : summary.get("results")) {
            JsonNode pick = cell.get("scores").get("pick");
            if (cell.get("model").asText().equals("base")) {
                assertTrue(pick == null, "no pairwise figure for the reference model itself");
                continue;
            }
            assertNotNull(pick);
            assertEquals(requests, pick.get("requests").asLong());
            assertEquals(spend, pick.get("spend").asDouble(), 1e-12);
            assertFalse(pick.has("agreement_with_accuracy"), "a preference is not a verdict on one answer");
            JsonNode swap = pick.get("swap_consistency");
            assertTrue(swap.get("n").asLong() >= checked);
            assertTrue(swap.get("value").asDouble() * swap.get("n").asLong() >= consistent);
        }

        // With this run's figures, the dry run's judge line is what the judge then took: requests (repairs included)
        // and replies exactly, the cost within 5% (the answers' length is a mean, not each answer's).
        Cli again = Cli.run("run", suite.toString(), "--dry-run", "--limit", "12", "--from", run.toString());
        assertEquals(0, again.exitCode(), again.err());
        String[] judgeLine = again.out().lines().filter(l -> l.startsWith("judge pick")).findFirst().orElseThrow().split("\\s+");
        assertEquals(requests, Long.parseLong(judgeLine[3]), again.out());
        JsonNode pickOfFt = ftCell(run).get("scores").get("pick");
        assertEquals(pickOfFt.get("completion_tokens").asDouble(), Double.parseDouble(judgeLine[5]), 1.0, again.out());
        assertEquals(spend, Double.parseDouble(judgeLine[7]), 0.05 * spend, again.out());

        JsonNode manifest = JSON.readTree(run.resolve("manifest.json").toFile());
        JsonNode judgeEntry = manifest.get("judges").get(0);
        assertEquals("auto", judgeEntry.get("structured").asText());
        assertEquals("model base", judgeEntry.get("pairwise_against").asText());
        assertTrue(judgeEntry.get("structured_off").asText().contains("does not take response_format (400)"),
                "serve refuses response_format; the judge went on in free text and says so: " + judgeEntry);
        String report = Files.readString(run.resolve("report.html"));
        assertTrue(report.contains("orders agree"));
        assertTrue(report.contains("<li>By judge pick, ft · as-is wins "), "the first screen says how the pick fared");
    }

    @Test
    void aPairwiseJudgeNeedsItsReferenceModelInTheRun(@TempDir Path tmp) throws Exception {
        Path suite = suite(tmp, ftAndBase(), "", """
                  - {name: pick, type: judge, model: ft, against: base, rubric: "{{answer_a}} {{answer_b}}",
                     grade: {choices: {A: 1, B: 0}}}
                """);
        Cli r = Cli.run("run", suite.toString(), "--out", tmp.resolve("run").toString(), "--models", "ft", "--limit", "2");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--models leaves out 'base', which a pairwise judge (against: base) compares every answer"
                + " with; add it to --models"), r.err());
        Cli sharded = Cli.run("run", suite.toString(), "--out", tmp.resolve("shard").toString(), "--shard", "1/2", "--limit", "2");
        assertEquals(2, sharded.exitCode(), sharded.err());
        assertTrue(sharded.err().contains("--shard: a pairwise judge compares with model [base]"), sharded.err());
    }

    @Test
    void aJudgeThatMustAnswerInJsonStopsWhereTheEndpointRefusesIt(@TempDir Path tmp) throws Exception {
        Path suite = suite(tmp, "  - {id: base, path: " + Cli.demo().resolve("models/base") + ", role: baseline}\n", "", """
                  - {name: correct, type: judge, structured: true, rubric: "{{answer}}", grade: {choices: {A: 1, B: 0}},
                     runner: {type: openai, base_url: "%s/v1", model: ckpt-epoch-4}}
                """.formatted(serve.base));
        Cli r = Cli.run("run", suite.toString(), "--out", tmp.resolve("run").toString(), "--limit", "2", "--no-report");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("does not take response_format (400); the server says: Unsupported parameter:"
                + " 'response_format'"), r.err());
        assertTrue(r.err().contains("set structured: auto or false on the judge scorer"), r.err());
    }

    @Test
    void aResumedRunComparesWithTheReferenceAnswersAlreadyInItsFolder(@TempDir Path tmp) throws Exception {
        Path suite = suite(tmp, ftAndBase(), "runner: {threads: 1}\ngeneration: {max_new_tokens: 24}\n", """
                  - {name: pick, type: judge, model: ft, against: base, system: "%s", max_new_tokens: 24,
                     rubric: "First: {{answer_a}}\\nSecond: {{answer_b}}", grade: {choices: {refund: 1, delivery: 0}}}
                """.formatted(SYSTEM));
        Path whole = tmp.resolve("whole");
        assertEquals(0, Cli.run("run", suite.toString(), "--out", whole.toString(), "--limit", "6", "--no-report").exitCode());
        // The same run cut short after base's answers (as a kill would leave it), then resumed.
        Path cut = tmp.resolve("cut");
        Files.createDirectories(cut);
        List<String> lines = Files.readAllLines(whole.resolve("samples.jsonl"));
        Files.write(cut.resolve("samples.jsonl"), lines.stream().filter(l -> l.contains("\"model\":\"base\"")).toList());
        Files.copy(whole.resolve("manifest.json"), cut.resolve("manifest.json"));
        Cli resumed = Cli.run("run", suite.toString(), "--out", cut.toString(), "--resume", "--limit", "6", "--no-report");
        assertEquals(0, resumed.exitCode(), resumed.err());
        Map<String, String> before = new HashMap<>();
        for (String l : lines) {
            JsonNode s = JSON.readTree(l);
            before.put(s.get("model").asText() + s.get("row").asInt(), s.path("judge_replies").path("pick").asText());
        }
        int judged = 0;
        for (String l : Files.readAllLines(cut.resolve("samples.jsonl"))) {
            JsonNode s = JSON.readTree(l);
            if (s.get("model").asText().equals("ft")) {
                judged++;
                assertEquals(before.get("ft" + s.get("row").asInt()), s.get("judge_replies").get("pick").asText(),
                        "the same pair, with base's answer read back from the folder");
            }
        }
        assertEquals(6, judged);
    }

    @Test
    void aSecondRunTakesTheJudgesRepliesFromTheStoreAndPaysNothingForThem(@TempDir Path tmp) throws Exception {
        Path suite = suite(tmp, ftAndBase(), "runner: {threads: 1}\ngeneration: {max_new_tokens: 24}\ncost:\n  default:"
                + " {prompt_per_1k: 0.001, completion_per_1k: 0.002}\n", """
                  - {name: pick, type: judge, model: ft, against: base, system: "%s", max_new_tokens: 24,
                     rubric: "First: {{answer_a}}\\nSecond: {{answer_b}}", grade: {choices: {refund: 1, delivery: 0}}}
                """.formatted(SYSTEM));
        String db = tmp.resolve("store.db").toString();
        for (String out : List.of("first", "second")) {
            Cli r = Cli.run("run", suite.toString(), "--out", tmp.resolve(out).toString(), "--limit", "4", "--no-report",
                    "--store", db);
            assertEquals(0, r.exitCode(), r.err());
        }
        JsonNode first = ftCell(tmp.resolve("first")).get("scores").get("pick");
        JsonNode second = ftCell(tmp.resolve("second")).get("scores").get("pick");
        assertTrue(first.get("requests").asLong() >= 8, first.toString());
        assertFalse(first.has("cached"));
        assertEquals(first.get("requests").asLong(), second.get("cached").asLong(), second.toString());
        assertFalse(second.has("requests"), "nothing sent: " + second);
        assertFalse(second.has("spend"));
        assertEquals(first.get("value").asDouble(), second.get("value").asDouble());
        assertEquals(first.get("unscored").asLong(), second.get("unscored").asLong());

        // The judge's mean is a metric with an interval, so a release can be gated on it.
        JsonNode metric = ftCell(tmp.resolve("first")).get("metrics").get("pick");
        assertEquals(first.get("value").asDouble(), metric.get("value").asDouble(), 1e-12);
        assertTrue(metric.get("ci_low").asDouble() <= metric.get("value").asDouble());
        Path gated = tmp.resolve("gated.yaml");
        Files.writeString(gated, Files.readString(suite) + "gates:\n  - \"ft/as-is pick >= 0\"\n");
        Cli go = Cli.run("gate", tmp.resolve("first").toString(), "--suite", gated.toString());
        assertEquals(0, go.exitCode(), go.out() + go.err());
        Files.writeString(gated, Files.readString(suite) + "gates:\n  - \"ft/as-is pick > 1\"\n");
        Cli noGo = Cli.run("gate", tmp.resolve("first").toString(), "--suite", gated.toString());
        assertEquals(1, noGo.exitCode(), noGo.out() + noGo.err());
    }

    private static JsonNode ftCell(Path run) throws Exception {
        for (JsonNode cell : JSON.readTree(run.resolve("summary.json").toFile()).get("results")) {
            if (cell.get("model").asText().equals("ft")) {
                return cell;
            }
        }
        throw new AssertionError("no ft cell in " + run);
    }
}
