package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tunebench gate` and `baseline save` end to end on a small real demo run (base and ckpt-epoch-4, as-is,
 * 40 rows: ckpt-epoch-4 gets 80% right, base none), with gates from suites written per test.
 */
class GateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path run;
    static int suites;

    @BeforeAll
    static void runDemoSubset() {
        run = tmp.resolve("run");
        Cli result = Cli.run("run", Cli.demo().resolve("triage.yaml").toString(), "--out", run.toString(),
                "--models", "base,ckpt-epoch-4", "--techniques", "as-is", "--limit", "40", "--no-report");
        assertEquals(0, result.exitCode(), result.err());
    }

    /** Removes the links first, so that cleaning the temporary folder does not warn about each one. */
    @AfterAll
    static void unlink() throws Exception {
        try (var files = Files.walk(tmp)) {
            for (Path p : files.filter(Files::isSymbolicLink).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The demo suite with its gates replaced; data and model folders are links to the demo's. */
    static Path suiteWithGates(String gates) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("suite-" + (++suites)));
        Files.createSymbolicLink(dir.resolve("data"), Cli.demo().resolve("data"));
        Files.createSymbolicLink(dir.resolve("jobs"), Cli.demo().resolve("jobs"));
        // One link per model folder: the suite's glob lists real entries of models/, not a linked folder.
        Path models = Files.createDirectories(dir.resolve("models"));
        try (var demoModels = Files.list(Cli.demo().resolve("models"))) {
            for (Path m : demoModels.toList()) {
                Files.createSymbolicLink(models.resolve(m.getFileName()), m);
            }
        }
        String demo = Files.readString(Cli.demo().resolve("triage.yaml"));
        int cut = demo.indexOf("\ngates:");
        Path suite = dir.resolve("triage.yaml");
        Files.writeString(suite, (cut < 0 ? demo : demo.substring(0, cut)) + "\ngates:\n" + gates);
        return suite;
    }

    private static Path savedBaseline(String name) {
        Path dir = tmp.resolve("baselines");
        Path file = dir.resolve(name + ".json");
        if (!Files.exists(file)) {
            Cli saved = Cli.run("baseline", "save", run.toString(), "--name", name, "--dir", dir.toString());
            assertEquals(0, saved.exitCode(), saved.err());
        }
        return file;
    }

    @Test
    void rulesThatHoldGiveGoAndWriteTheReports() throws Exception {
        Path suite = suiteWithGates("""
                  - "ckpt-epoch-4/as-is accuracy >= 0.6"
                  - "ckpt-epoch-4/as-is format_adherence >= 0.95"
                  - {model: ckpt-epoch-4, technique: as-is, metric: accuracy, against: baseline, test: superiority}
                """);
        Cli gate = Cli.run("gate", run.toString(), "--suite", suite.toString());
        assertEquals(0, gate.exitCode(), gate.out() + gate.err());
        assertTrue(gate.out().contains("decision: GO (4 gates: 4 pass"), gate.out());
        JsonNode json = JSON.readTree(run.resolve("gate.json").toFile());
        assertEquals("go", json.get("decision").asText());
        JsonNode superiority = json.get("gates").get(3);
        assertEquals("baseline", superiority.get("kind").asText());
        assertEquals(0.8, superiority.get("value").asDouble(), 1e-9);
        assertTrue(superiority.get("ci_low").asDouble() > 0.5, superiority.toString());
        assertTrue(superiority.get("reason").asText().contains("better"), superiority.toString());
        assertTrue(Files.readString(run.resolve("junit.xml")).contains("tunebench.gates.triage"));
        assertTrue(Files.readString(run.resolve("summary.md")).contains("**GO**"));
    }

    @Test
    void aRuleThatFailsGivesNoGo() throws Exception {
        Path suite = suiteWithGates("""
                  - "ckpt-epoch-4/as-is accuracy >= 0.6"
                  - {name: near perfect, model: ckpt-epoch-4, technique: as-is, metric: accuracy, op: ">=", value: 0.99}
                """);
        Cli gate = Cli.run("gate", run.toString(), "--suite", suite.toString());
        assertEquals(1, gate.exitCode(), gate.out() + gate.err());
        assertTrue(gate.out().contains("NO-GO"), gate.out());
        JsonNode json = JSON.readTree(run.resolve("gate.json").toFile());
        assertEquals("no-go", json.get("decision").asText());
        assertEquals("fail", json.get("gates").get(2).get("outcome").asText());
        assertTrue(Files.readString(run.resolve("junit.xml")).contains("<failure"));
    }

    @Test
    void anInconclusiveGateIsNoGoUnlessItSaysPass() throws Exception {
        // 0.8 on 40 rows: the Wilson interval [0.65, 0.9] straddles 0.75
        String gate = "  - {model: ckpt-epoch-4, technique: as-is, metric: accuracy, op: \">=\", value: 0.75, basis: interval%s}\n";
        assertEquals(1, Cli.run("gate", run.toString(), "--suite", suiteWithGates(gate.formatted("")).toString()).exitCode());
        assertEquals(0, Cli.run("gate", run.toString(), "--suite",
                suiteWithGates(gate.formatted(", on_inconclusive: pass")).toString()).exitCode());
    }

    @Test
    void theBlessedBaselineIsComparedRowByRow() throws Exception {
        Path baseline = savedBaseline("nightly");
        JsonNode saved = JSON.readTree(baseline.toFile());
        assertEquals("tunebench-baseline", saved.get("kind").asText());
        assertEquals(2, saved.get("rows").size());
        Path suite = suiteWithGates("""
                  - {model: ckpt-epoch-4, technique: as-is, metric: accuracy, against: blessed}
                  - {model: ckpt-epoch-4, technique: as-is, metric: cost_per_1k_requests, against: blessed, test: non_inferiority, margin: 0.001}
                """);
        Cli gate = Cli.run("gate", run.toString(), "--suite", suite.toString(), "--baseline", baseline.toString());
        assertEquals(0, gate.exitCode(), gate.out() + gate.err());
        JsonNode json = JSON.readTree(run.resolve("gate.json").toFile());
        assertTrue(json.get("gates").get(1).get("paired").asBoolean());
        assertEquals(40, json.get("gates").get(1).get("n").asInt());
        assertEquals(2, Cli.run("baseline", "save", run.toString(), "--name", "nightly", "--dir",
                baseline.getParent().toString()).exitCode(), "an existing baseline needs --force");
    }

    @Test
    void aBaselineOnOtherDataIsRefusedUnlessAllowed() throws Exception {
        Path original = savedBaseline("nightly");
        String text = Files.readString(original);
        String sha = JSON.readTree(text).get("manifest").get("data").get(0).get("sha256").asText();
        Path changed = Files.writeString(tmp.resolve("changed.json"), text.replace(sha, "0".repeat(64)));
        Path suite = suiteWithGates("  - {model: ckpt-epoch-4, technique: as-is, metric: accuracy, against: blessed}\n");
        Cli refused = Cli.run("gate", run.toString(), "--suite", suite.toString(), "--baseline", changed.toString());
        assertEquals(2, refused.exitCode(), refused.out() + refused.err());
        assertTrue(refused.err().contains("refusing to compare") && refused.err().contains("--allow-data-change"), refused.err());
        Cli allowed = Cli.run("gate", run.toString(), "--suite", suite.toString(), "--baseline", changed.toString(),
                "--allow-data-change");
        assertEquals(0, allowed.exitCode(), allowed.out() + allowed.err());
        assertTrue(allowed.err().contains("WARNING: DATA CHANGED"), allowed.err());
        JsonNode json = JSON.readTree(run.resolve("gate.json").toFile());
        assertTrue(json.get("data_changed").asBoolean());
        assertFalse(json.get("gates").get(1).get("paired").asBoolean());
    }

    @Test
    void badInputExitsTwo() throws Exception {
        Path suite = suiteWithGates("  - {model: ckpt-epoch-4, technique: as-is, metric: accuracy, against: blessed}\n");
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"kind\": \"tunebench-baseline\", \"manifest\": ");
        Cli malformed = Cli.run("gate", run.toString(), "--suite", suite.toString(), "--baseline", broken.toString());
        assertEquals(2, malformed.exitCode(), malformed.err());
        assertTrue(malformed.err().contains(broken + ": not valid JSON"), malformed.err());
        Cli noBaseline = Cli.run("gate", run.toString(), "--suite", suite.toString());
        assertEquals(2, noBaseline.exitCode());
        assertTrue(noBaseline.err().contains("--baseline"), noBaseline.err());
        Cli noRun = Cli.run("gate", tmp.resolve("nothing").toString(), "--suite", suite.toString());
        assertEquals(2, noRun.exitCode());
        assertTrue(noRun.err().contains("is not a run folder"), noRun.err());
        Cli typo = Cli.run("gate", run.toString(), "--suite", suiteWithGates("  - \"ckpt-epoch-4/as-is acuracy >= 0.5\"\n").toString());
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().contains("did you mean 'accuracy'"), typo.err());
    }
}
