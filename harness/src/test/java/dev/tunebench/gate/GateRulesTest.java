package dev.tunebench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.InputException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateRulesTest {
    private static final GateRules.Names NAMES = new GateRules.Names(
            new LinkedHashSet<>(List.of("base", "ckpt-epoch-4")), new LinkedHashSet<>(List.of("as-is", "few-shot-3")), "base");

    private static List<GateRule> parse(String json) throws Exception {
        JsonNode node = new ObjectMapper().readTree(json);
        return GateRules.parse(node, "suite.yaml", NAMES);
    }

    @Test
    void compactAndMapThresholdsAreTheSameRule() throws Exception {
        List<GateRule> rules = parse("[\"ckpt-epoch-4/as-is accuracy >= 0.75\","
                + "{\"model\": \"ckpt-epoch-4\", \"technique\": \"as-is\", \"metric\": \"accuracy\", \"op\": \">=\", \"value\": 0.75}]");
        GateRule.Threshold a = assertInstanceOf(GateRule.Threshold.class, rules.get(0));
        GateRule.Threshold b = assertInstanceOf(GateRule.Threshold.class, rules.get(1));
        assertEquals(a, b);
        assertEquals("ckpt-epoch-4/as-is accuracy >= 0.75", a.name());
        assertEquals(Op.AT_LEAST, a.op());
    }

    @Test
    void relativeGatesTakeDefaultsPerReference() throws Exception {
        List<GateRule> rules = parse("[{\"model\": \"ckpt-epoch-4\", \"technique\": \"as-is\", \"metric\": \"accuracy\", \"against\": \"baseline\", \"margin\": 0.02},"
                + "{\"name\": \"nightly\", \"model\": \"ckpt-epoch-4\", \"technique\": \"as-is\", \"metric\": \"latency_ms_mean\", \"against\": \"blessed\", \"on_inconclusive\": \"pass\"}]");
        GateRule.Relative ni = assertInstanceOf(GateRule.Relative.class, rules.get(0));
        assertEquals(Hypothesis.NON_INFERIORITY, ni.hypothesis());
        assertEquals(0.95, ni.confidence());
        assertEquals("accuracy not worse than baseline by more than 0.02, one-sided 95%", ni.describe());
        GateRule.Relative nr = assertInstanceOf(GateRule.Relative.class, rules.get(1));
        assertEquals(Hypothesis.NO_REGRESSION, nr.hypothesis());
        assertEquals("nightly", nr.name());
        assertTrue(nr.inconclusivePasses());
    }

    @Test
    void mistakesNameTheFieldAndTheFix() {
        InputException typo = assertThrows(InputException.class, () -> parse(
                "[{\"model\": \"ckpt-epoch-4\", \"technique\": \"as-is\", \"metric\": \"accuracy\", \"op\": \">=\", \"valeu\": 1}]"));
        assertTrue(typo.getMessage().startsWith("suite.yaml: gates[0].valeu: unknown key (did you mean 'value'?)"), typo.getMessage());
        InputException model = assertThrows(InputException.class, () -> parse("[\"ckpt-epoch4/as-is accuracy >= 0.75\"]"));
        assertTrue(model.getMessage().contains("gates[0].model: no model 'ckpt-epoch4' in the suite (did you mean 'ckpt-epoch-4'?)"),
                model.getMessage());
        InputException op = assertThrows(InputException.class, () -> parse(
                "[{\"model\": \"base\", \"technique\": \"as-is\", \"metric\": \"accuracy\", \"op\": \"=>\", \"value\": 1}]"));
        assertTrue(op.getMessage().contains("gates[0].op: expected one of \">=\""), op.getMessage());
        InputException percentile = assertThrows(InputException.class, () -> parse(
                "[{\"model\": \"ckpt-epoch-4\", \"technique\": \"as-is\", \"metric\": \"latency_ms_p95\", \"against\": \"blessed\"}]"));
        assertTrue(percentile.getMessage().contains("no per-row value"), percentile.getMessage());
        InputException itself = assertThrows(InputException.class, () -> parse(
                "[{\"model\": \"base\", \"technique\": \"as-is\", \"metric\": \"accuracy\", \"against\": \"baseline\"}]"));
        assertTrue(itself.getMessage().contains("is the baseline model itself"), itself.getMessage());
        InputException mixed = assertThrows(InputException.class, () -> parse(
                "[{\"model\": \"ckpt-epoch-4\", \"technique\": \"as-is\", \"metric\": \"accuracy\", \"against\": \"baseline\", \"op\": \">=\"}]"));
        assertTrue(mixed.getMessage().contains("gates[0].op"), mixed.getMessage());
        InputException compact = assertThrows(InputException.class, () -> parse("[\"accuracy >= 0.75\"]"));
        assertTrue(compact.getMessage().contains("MODEL/TECHNIQUE METRIC OP NUMBER"), compact.getMessage());
    }

    @Test
    void noSectionMeansNoRules() {
        assertEquals(List.of(), GateRules.parse(com.fasterxml.jackson.databind.node.MissingNode.getInstance(), "s", NAMES));
    }
}
