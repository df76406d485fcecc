package dev.tunebench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `run --dry-run`: what a run would send and cost, counted with the models' own tokenizers, nothing sent. */
class DryRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void promptTokensEqualWhatTheRunThenCountsAndNothingRuns(@TempDir Path tmp) throws Exception {
        String[] select = {"--models", "base,ckpt-epoch-4", "--techniques", "as-is,few-shot-3", "--limit", "10"};
        Path dry = tmp.resolve("dry");
        Cli estimate = Cli.run(concat(new String[]{"run", Cli.demo().resolve("triage.yaml").toString(), "--dry-run", "--out",
                dry.toString()}, select));
        assertEquals(0, estimate.exitCode(), estimate.err());
        assertFalse(Files.exists(dry), "a dry run writes no run folder");

        Path run = tmp.resolve("run");
        Cli real = Cli.run(concat(new String[]{"run", Cli.demo().resolve("triage.yaml").toString(), "--no-report", "--out",
                run.toString()}, select));
        assertEquals(0, real.exitCode(), real.err());
        long base = 0;
        for (String line : Files.readAllLines(run.resolve("samples.jsonl"))) {
            var s = JSON.readTree(line);
            if (s.get("model").asText().equals("base")) {
                base += s.get("prompt_tokens").asLong();
            }
        }
        // 10 rows x 2 techniques, max_new_tokens 32 each; the demo's price 0.0005 / 0.0015 per 1K tokens.
        Matcher m = Pattern.compile("(?m)^base\\s+20\\s+(\\d+)\\s+640 \\(max\\)\\s+(\\S+)$").matcher(estimate.out());
        assertTrue(m.find(), estimate.out());
        assertEquals(base, Long.parseLong(m.group(1)), "counted with base's own tokenizer: " + estimate.out());
        assertEquals(String.format(java.util.Locale.ROOT, "%.6f", (base * 0.0005 + 640 * 0.0015) / 1000), m.group(2));
        assertTrue(estimate.out().contains("Nothing was sent."), estimate.out());
    }

    @Test
    void aServedModelWithoutTokenizerIsEstimatedAndSaysSo(@TempDir Path tmp) throws Exception {
        Path suite = ServedSuites.write(tmp, "  - {id: served, role: baseline, runner: {model: m}}\n",
                "runner: {type: openai, base_url: \"http://127.0.0.1:9/v1\"}");
        Cli r = Cli.run("run", suite.toString(), "--dry-run", "--limit", "5", "--techniques", "as-is");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Pattern.compile("(?m)^served\\s+5\\s+~\\d+").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("estimated at 4 characters a token"), r.out());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
