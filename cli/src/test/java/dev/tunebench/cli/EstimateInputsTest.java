package dev.tunebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code validate --estimate}, and what is wrong with an estimate's or a budget's inputs said as input errors (exit 2). */
class EstimateInputsTest {
    @Test
    void validateEstimatesWithoutAServer() {
        Cli r = Cli.run("validate", Cli.demo().resolve("served.yaml").toString(), "--estimate");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("OK: 2 models x 2 techniques x 240 rows = 960 samples"), r.out());
        assertTrue(Pattern.compile("(?m)^ckpt-epoch-4\\s+480\\s+\\d+\\s+15360 \\(max\\)\\s+\\d+\\.\\d{6}$").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("Nothing was sent."), r.out());
    }

    @Test
    void fromNeedsAnEarlierRunAndGoesWithDryRun(@TempDir Path tmp) {
        String suite = Cli.demo().resolve("triage.yaml").toString();
        Cli empty = Cli.run("run", suite, "--dry-run", "--from", tmp.toString());
        assertEquals(2, empty.exitCode(), empty.err());
        assertTrue(empty.err().contains("--from: " + tmp + " holds no samples.jsonl"), empty.err());
        Cli alone = Cli.run("run", suite, "--from", tmp.toString(), "--out", tmp.resolve("run").toString());
        assertEquals(2, alone.exitCode(), alone.err());
        assertTrue(alone.err().contains("--from goes with --dry-run"), alone.err());
    }

    @Test
    void aBudgetNeedsPrices(@TempDir Path tmp) throws Exception {
        Path suite = ServedSuites.write(tmp, "  - {id: served, role: baseline, runner: {model: m}}\n",
                "runner: {type: openai, base_url: \"http://127.0.0.1:9/v1\"}");
        String text = Files.readString(suite);
        String noCost = text.substring(0, text.indexOf("\ncost:")) + "\nbudget: 1.5\n";
        Files.writeString(suite, noCost);
        Cli r = Cli.run("validate", suite.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("budget: model 'served' has no price, so its spend cannot be counted against the budget"), r.err());
        Files.writeString(suite, text.substring(0, text.indexOf("\ncost:")) + "\n");
        Cli flag = Cli.run("run", suite.toString(), "--budget", "1", "--out", tmp.resolve("run").toString());
        assertEquals(2, flag.exitCode(), flag.err());
        assertTrue(flag.err().contains("--budget: model 'served' has no price"), flag.err());
    }
}
