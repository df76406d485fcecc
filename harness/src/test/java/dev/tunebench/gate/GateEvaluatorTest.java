package dev.tunebench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.results.Json;
import dev.tunebench.results.RunManifest;
import dev.tunebench.spi.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Thresholds, the run-complete gate and the go/no-go rule on a constructed summary. */
class GateEvaluatorTest {
    private static final Cell CELL = new Cell("ft", "as-is");

    static RunManifest manifest(boolean complete, String dataSha) throws Exception {
        return Json.MAPPER.readValue("""
                {"schema_version": 1, "complete": %s, "problems": %s,
                 "suite": {"name": "s", "file": "s.yaml", "sha256": "x", "baseline": "base", "reference_technique": "as-is"},
                 "data": [{"role": "eval", "file": "test.jsonl", "sha256": "%s", "rows": 100}],
                 "models": [{"id": "base", "role": "baseline", "files": {}, "prompt_price_per1k": 0.001, "completion_price_per1k": 0.002},
                            {"id": "ft", "role": "candidate", "files": {}, "prompt_price_per1k": 0.001, "completion_price_per1k": 0.002}],
                 "techniques": ["as-is"],
                 "settings": {"batch_size": 8, "threads": 1, "limit": 0, "shard": "1/1", "repeats": 1, "seed": 1,
                              "bootstrap_seed": 1234, "bootstrap_resamples": 2000}}
                """.formatted(complete, complete ? "[]" : "[\"interrupted\"]", dataSha), RunManifest.class);
    }

    private static JsonNode summary() throws Exception {
        return Json.MAPPER.readTree("""
                {"results": [{"model": "ft", "technique": "as-is", "metrics": {
                  "accuracy": {"value": 0.80, "ci_low": 0.74, "ci_high": 0.85, "method": "wilson", "n": 240},
                  "output_tokens_per_s": {"value": 2100.0, "method": "ratio", "n": 240}}}]}
                """);
    }

    static RunRows rows(int n, int baseRight, int ftRight) {
        Map<Cell, List<RowOutcome>> cells = new LinkedHashMap<>();
        cells.put(new Cell("base", "as-is"), column(n, baseRight));
        cells.put(CELL, column(n, ftRight));
        return new RunRows(cells);
    }

    private static List<RowOutcome> column(int n, int right) {
        List<RowOutcome> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new RowOutcome(i, 0, i < right ? 1 : 0, 1, 30, 5, 10.0, false));
        }
        return out;
    }

    private static GateRule.Threshold threshold(String metric, Op op, double limit, GateRule.Basis basis) {
        return new GateRule.Threshold(null, CELL, metric, op, limit, basis, false);
    }

    private static List<GateOutcome> evaluate(boolean complete, GateRule... rules) throws Exception {
        return new GateEvaluator(manifest(complete, "d"), summary(), rows(100, 0, 80), null, true).evaluate(List.of(rules));
    }

    @Test
    void thresholdsJudgeThePointFigureOrTheWholeInterval() throws Exception {
        List<GateOutcome> o = evaluate(true,
                threshold("accuracy", Op.AT_LEAST, 0.75, GateRule.Basis.VALUE),
                threshold("accuracy", Op.AT_LEAST, 0.75, GateRule.Basis.INTERVAL),
                threshold("accuracy", Op.AT_LEAST, 0.70, GateRule.Basis.INTERVAL),
                threshold("accuracy", Op.AT_LEAST, 0.90, GateRule.Basis.INTERVAL),
                threshold("accuracy", Op.AT_LEAST, 0.90, GateRule.Basis.VALUE),
                threshold("output_tokens_per_s", Op.ABOVE, 1000, GateRule.Basis.VALUE));
        assertEquals(List.of(Outcome.PASS, Outcome.PASS, Outcome.INCONCLUSIVE, Outcome.PASS, Outcome.FAIL, Outcome.FAIL,
                Outcome.PASS), o.stream().map(GateOutcome::outcome).toList());
        assertTrue(o.get(1).reason().contains("straddles"), o.get(1).reason());
        assertEquals(0.74, o.get(1).measurement().ciLow());
    }

    @Test
    void anIncompleteRunIsNoGo() throws Exception {
        List<GateOutcome> o = evaluate(false, threshold("accuracy", Op.AT_LEAST, 0.5, GateRule.Basis.VALUE));
        assertEquals(Outcome.FAIL, o.get(0).outcome());
        assertTrue(o.get(0).reason().contains("interrupted"));
        assertFalse(new GateDecision("s", null, false, o, List.of()).go());
    }

    @Test
    void inconclusiveBlocksUnlessTheRuleSaysOtherwise() throws Exception {
        GateRule strict = threshold("accuracy", Op.AT_LEAST, 0.75, GateRule.Basis.INTERVAL);
        GateRule lenient = new GateRule.Threshold(null, CELL, "accuracy", Op.AT_LEAST, 0.75, GateRule.Basis.INTERVAL, true);
        assertFalse(new GateDecision("s", null, false, evaluate(true, strict), List.of()).go());
        assertTrue(new GateDecision("s", null, false, evaluate(true, lenient), List.of()).go());
    }

    @Test
    void aCellOutsideTheRunIsInconclusiveAndATypoIsAnInputError() throws Exception {
        GateRule other = new GateRule.Threshold(null, new Cell("ft", "few-shot-3"), "accuracy", Op.AT_LEAST, 0.5,
                GateRule.Basis.VALUE, false);
        GateOutcome o = evaluate(true, other).get(1);
        assertEquals(Outcome.INCONCLUSIVE, o.outcome());
        assertTrue(o.reason().contains("not in this run"), o.reason());
        InputException typo = assertThrows(InputException.class,
                () -> evaluate(true, threshold("acuracy", Op.AT_LEAST, 0.5, GateRule.Basis.VALUE)));
        assertTrue(typo.getMessage().contains("did you mean 'accuracy'"), typo.getMessage());
    }

    @Test
    void relativeGatesCompareWithTheBaselineModelAndTheBlessedRun(@TempDir Path tmp) throws Exception {
        RunManifest m = manifest(true, "d");
        Baseline blessed = new Baseline("nightly", "t", "run", m, summary(), rows(100, 0, 80), "b.json");
        Path file = tmp.resolve("b.json");
        BaselineFile.write(blessed, file);
        Baseline read = BaselineFile.read(file);
        assertEquals(blessed.rows(), read.rows());
        GateRule ni = new GateRule.Relative(null, CELL, RowMetric.ACCURACY, Against.BASELINE, Hypothesis.NON_INFERIORITY, 0.02, 0.95, false);
        GateRule nr = new GateRule.Relative(null, CELL, RowMetric.ACCURACY, Against.BLESSED, Hypothesis.NO_REGRESSION, 0, 0.95, false);
        List<GateOutcome> same = new GateEvaluator(m, summary(), rows(100, 0, 80), read, true).evaluate(List.of(ni, nr));
        assertEquals(List.of(Outcome.PASS, Outcome.PASS, Outcome.PASS), same.stream().map(GateOutcome::outcome).toList());
        List<GateOutcome> dropped = new GateEvaluator(m, summary(), rows(100, 0, 50), read, true).evaluate(List.of(nr));
        assertEquals(Outcome.FAIL, dropped.get(1).outcome(), dropped.get(1).reason());
        List<GateOutcome> unpaired = new GateEvaluator(m, summary(), rows(100, 0, 80), read, false).evaluate(List.of(nr));
        assertTrue(unpaired.get(1).reason().contains("UNPAIRED"), unpaired.get(1).reason());
    }

    @Test
    void malformedBaselinesNameTheProblem(@TempDir Path tmp) throws Exception {
        Path notJson = Files.writeString(tmp.resolve("a.json"), "{not json");
        assertTrue(assertThrows(InputException.class, () -> BaselineFile.read(notJson)).getMessage().contains("not valid JSON"));
        Path other = Files.writeString(tmp.resolve("b.json"), "{\"results\": []}");
        assertTrue(assertThrows(InputException.class, () -> BaselineFile.read(other)).getMessage().contains("not a tunebench baseline"));
        Path noRows = Files.writeString(tmp.resolve("c.json"), "{\"kind\": \"tunebench-baseline\", \"manifest\": "
                + Json.MAPPER.writeValueAsString(manifest(true, "d")) + ", \"summary\": {}}");
        assertTrue(assertThrows(InputException.class, () -> BaselineFile.read(noRows)).getMessage().contains("rows: missing"));
        assertTrue(assertThrows(InputException.class, () -> BaselineFile.read(tmp.resolve("none.json"))).getMessage()
                .contains("no such baseline file"));
    }

    @Test
    void dataChangesAreListedByRole() throws Exception {
        assertEquals(List.of(), DataChange.between(manifest(true, "aaa"), manifest(true, "aaa")));
        List<String> changes = DataChange.between(manifest(true, "aaa"), manifest(true, "bbb"));
        assertEquals(1, changes.size());
        assertTrue(changes.get(0).startsWith("eval test.jsonl: sha256 aaa in the run, bbb in the baseline"), changes.get(0));
    }
}
