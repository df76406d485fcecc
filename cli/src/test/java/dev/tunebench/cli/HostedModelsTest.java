package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paid-endpoint controls against a real {@code tunebench serve} process: the dry-run estimate (with an earlier
 * run's mean completion length) against the spend a real run then reports, and a budget that stops the run
 * at the first request it could not afford, kept samples, and a resume with a raised budget that finishes it.
 */
class HostedModelsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double PROMPT_PER_1K = 0.0005;
    private static final double COMPLETION_PER_1K = 0.0015;
    private static final int MAX_NEW_TOKENS = 32;
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

    /** The demo suite with the fine-tune served, counted here with its own tokenizer, one request at a time. */
    private static Path suite(Path dir, String extra) throws Exception {
        Path file = ServedSuites.write(dir, "  - {id: ft, role: baseline, runner: {model: ckpt-epoch-4, concurrency: 1, tokenizer: "
                        + Cli.demo().resolve("models/ckpt-epoch-4") + "}}\n",
                "runner: {type: openai, base_url: \"" + serve.base + "/v1\", continue_final_message: true, batch_size: 1}");
        Files.writeString(file, Files.readString(file) + "\n" + extra);
        return file;
    }

    @Test
    void dryRunFromAnEarlierRunIsWithinFivePercentOfTheRealSpend(@TempDir Path tmp) throws Exception {
        Path suite = suite(tmp, "");
        Path history = tmp.resolve("history");
        Cli first = Cli.run("run", suite.toString(), "--techniques", "as-is", "--limit", "8", "--no-report", "--out", history.toString());
        assertEquals(0, first.exitCode(), first.err());

        Cli dry = Cli.run("run", suite.toString(), "--techniques", "as-is", "--limit", "30", "--dry-run", "--from", history.toString());
        assertEquals(0, dry.exitCode(), dry.err());
        Matcher m = Pattern.compile("(?m)^ft\\s+30\\s+(\\d+)\\s+(\\d+) \\(mean\\)\\s+(\\S+)$").matcher(dry.out());
        assertTrue(m.find(), dry.out());
        double estimate = Double.parseDouble(m.group(3));

        Path real = tmp.resolve("real");
        Cli run = Cli.run("run", suite.toString(), "--techniques", "as-is", "--limit", "30", "--no-report", "--out", real.toString());
        assertEquals(0, run.exitCode(), run.err());
        double spend = 0;
        for (JsonNode s : samples(real)) {
            spend += (s.get("prompt_tokens").asInt() * PROMPT_PER_1K + s.get("completion_tokens").asInt() * COMPLETION_PER_1K) / 1000;
        }
        JsonNode summary = JSON.readTree(real.resolve("summary.json").toFile());
        assertEquals(spend, summary.at("/results/0/metrics/spend/value").asDouble(), 1e-12, "summary spend is the usage's");
        assertEquals(Long.parseLong(m.group(1)), samples(real).stream().mapToLong(s -> s.get("prompt_tokens").asLong()).sum(),
                "prompt tokens counted here equal the server's usage");
        assertTrue(Math.abs(estimate - spend) / spend <= 0.05,
                String.format(Locale.ROOT, "estimate %.6f vs spend %.6f%n%s", estimate, spend, dry.out()));
    }

    @Test
    void aBudgetStopsAtTheFirstRequestItCannotAffordAndResumeFinishes(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("reference");
        Cli full = Cli.run("run", suite(tmp.resolve("a"), "").toString(), "--techniques", "as-is", "--limit", "20", "--no-report",
                "--out", reference.toString());
        assertEquals(0, full.exitCode(), full.err());
        List<JsonNode> all = samples(reference);
        // Before each request the run reserves its worst case: every prompt token plus max_new_tokens of completion.
        double budget = 0;
        for (int i = 0; i < 9; i++) {
            budget += actual(all.get(i));
        }
        budget += worst(all.get(9)) / 2;
        int expected = 0;
        double spent = 0;
        while (expected < all.size() && spent + worst(all.get(expected)) <= budget) {
            spent += actual(all.get(expected));
            expected++;
        }
        assertTrue(expected > 0 && expected < all.size(), "the budget falls inside the run: " + expected);

        Path suite = suite(tmp.resolve("b"), String.format(Locale.ROOT, "budget: {run: %.10f}%n", budget));
        Path stopped = tmp.resolve("stopped");
        Cli run = Cli.run("run", suite.toString(), "--techniques", "as-is", "--limit", "20", "--no-report", "--out", stopped.toString());
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertEquals(expected, samples(stopped).size(), run.err());
        JsonNode summary = JSON.readTree(stopped.resolve("summary.json").toFile());
        assertTrue(!summary.get("complete").asBoolean() && summary.get("incomplete_reason").asText().contains("budget reached"),
                summary.toString());

        Cli resumed = Cli.run("run", suite.toString(), "--techniques", "as-is", "--limit", "20", "--no-report", "--out",
                stopped.toString(), "--resume", "--budget", "1");
        assertEquals(0, resumed.exitCode(), resumed.err());
        List<JsonNode> finished = samples(stopped);
        assertEquals(all.size(), finished.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(all.get(i).get("completion").asText(), finished.get(i).get("completion").asText(), "row " + i);
        }
    }

    private static double actual(JsonNode s) {
        return (s.get("prompt_tokens").asInt() * PROMPT_PER_1K + s.get("completion_tokens").asInt() * COMPLETION_PER_1K) / 1000;
    }

    private static double worst(JsonNode s) {
        return (s.get("local_prompt_tokens").asInt() * PROMPT_PER_1K + MAX_NEW_TOKENS * COMPLETION_PER_1K) / 1000;
    }

    private static List<JsonNode> samples(Path run) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("samples.jsonl"))) {
            out.add(JSON.readTree(line));
        }
        out.sort((a, b) -> Integer.compare(a.get("row").asInt(), b.get("row").asInt()));
        return out;
    }
}
