package dev.tunebench.suite;

import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.RunnerOptions;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.technique.FewShot;
import dev.tunebench.technique.Technique;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.tunebench.data.MessageAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {
    @TempDir
    Path tmp;
    SuiteFixture fx;

    @BeforeEach
    void setUp() {
        fx = new SuiteFixture(tmp);
    }

    @Test
    void defaultsWhenNothingIsSet() {
        Suite s = fx.load(SuiteFixture.MINIMAL);
        assertEquals("suite", s.name());
        assertEquals(GenerationSettings.greedy(Defaults.MAX_NEW_TOKENS), s.baseline().generation());
        assertEquals(new RunnerSettings(Defaults.DEVICE, Defaults.THREADS, Defaults.BATCH_SIZE), s.baseline().runner());
        assertEquals(List.of("as-is"), s.techniques().stream().map(Technique::name).toList());
        assertEquals("as-is", s.referenceTechnique());
        assertTrue(s.scorers().isEmpty());
        assertTrue(s.checkpoints().isEmpty());
        assertTrue(s.cost().costPer1kRequests("base", 10, 10).isEmpty());
    }

    @Test
    void runnerKindKeysMergeModelOverSuiteAndRememberTheirLines() {
        Suite s = fx.load("""
                data: {eval: data/test.jsonl}
                runner: {type: openai, base_url: "http://127.0.0.1:8080/v1", concurrency: 4}
                models:
                  - {id: base, path: models/base, role: baseline, runner: {type: onnx}}
                  - id: served
                    runner: {model: ckpt-1, concurrency: 8}
                """);
        ModelSpec served = s.model("served").orElseThrow();
        assertTrue(served.folder().isEmpty());
        assertEquals("openai", served.runnerType());
        RunnerOptions options = served.runner().options();
        assertEquals(List.of("base_url", "concurrency", "model"), options.keys().stream().sorted().toList());
        assertEquals(8, options.integer("concurrency", 1, 100).orElseThrow());
        assertEquals("http://127.0.0.1:8080/v1", options.text("base_url").orElseThrow());
        String file = tmp.resolve("suite.yaml").toString();
        assertEquals(file + ":6: models[1].runner.model: unknown key 'model' for runner type onnx (did you mean 'mode'?); "
                + "allowed: base_url, mode, concurrency, type, device, threads, batch_size, workers.", assertThrows(InputException.class,
                () -> options.allowOnly("onnx", "base_url", "mode", "concurrency")).getMessage());
        assertEquals(file + ":2: runner.base_url: missing the port", options.error("base_url", "missing the port").getMessage());
        // The baseline inherits the suite's keys; its own type wins.
        assertEquals("onnx", s.baseline().runnerType());
        assertEquals(List.of("base_url", "concurrency"), s.baseline().runner().options().keys().stream().sorted().toList());
    }

    @Test
    void aModelWithoutFolderNeedsAnId() {
        assertThat(fx.error("""
                data: {eval: data/test.jsonl}
                models:
                  - {id: base, path: models/base, role: baseline}
                  - {runner: {type: openai, model: m}}
                """)).startsWith("suite.yaml:4: models[1]: give path: (a model folder), glob:");
    }

    @Test
    void modelOverridesSuiteFieldByFieldAndCommandLineOverridesBoth() {
        Suite s = fx.load("""
                data: {eval: data/test.jsonl}
                seed: 9
                runner: {device: cpu, threads: 2, batch_size: 4}
                generation: {max_new_tokens: 16, stop: ["---"]}
                models:
                  - {id: base, path: models/base, role: baseline}
                  - id: big
                    path: models/ckpt-1
                    runner: {batch_size: 1}
                    generation: {decoding: {sampling: {temperature: 0.7, top_k: 40}}}
                """);
        ModelSpec big = s.model("big").orElseThrow();
        assertEquals(new RunnerSettings("cpu", 2, 1), big.runner());
        assertEquals(new GenerationSettings(16, new Decoding.Sampling(0.7, 1.0, 40, 9), List.of("---")), big.generation());
        assertEquals(new RunnerSettings("cpu", 2, 4), s.baseline().runner());
        assertEquals(GenerationSettings.greedy(16).stopStrings().size() + 1, s.baseline().generation().stopStrings().size());

        Suite cli = s.withOverrides(new RunnerOverrides(null, null, 8, null), new GenerationOverrides(64, null, null));
        assertEquals(new RunnerSettings("cpu", 8, 1), cli.model("big").orElseThrow().runner());
        assertEquals(new RunnerSettings("cpu", 8, 4), cli.baseline().runner());
        assertEquals(64, cli.model("big").orElseThrow().generation().maxNewTokens());
        assertEquals(new Decoding.Sampling(0.7, 1.0, 40, 9), cli.model("big").orElseThrow().generation().decoding());
        assertEquals(new RunnerSettings("cpu", 8, 4), cli.runner());
    }

    @Test
    void costUsesTheModelPriceElseTheDefault() {
        Suite s = fx.load(SuiteFixture.MINIMAL + """
                  - {id: other, path: models/ckpt-1}
                cost:
                  currency: EUR
                  default: {prompt_per_1k: 0.5, completion_per_1k: 1.5}
                  models: {base: {prompt_per_1k: 0.1, completion_per_1k: 0.2}}
                """);
        assertEquals("EUR", s.cost().currency());
        assertEquals(40 * 0.1 + 5 * 0.2, s.cost().costPer1kRequests("base", 40, 5).getAsDouble(), 1e-12);
        assertEquals(40 * 0.5 + 5 * 1.5, s.cost().costPer1kRequests("other", 40, 5).getAsDouble(), 1e-12);
    }

    @Test
    void fieldMappedDataAndEveryTransformParse() {
        fx.write("data/q.csv", "question,label\nhi,greet\n");
        Suite s = fx.load("""
                data:
                  eval: {path: data/q.csv, format: csv, input: question, expected: label, system_text: Be kind.}
                  few_shot_pool: data/train.jsonl
                models: [{id: base, path: models/base, role: baseline}]
                techniques:
                  - name: all
                    transforms:
                      - system: {prepend: "Classify.", separator: " "}
                      - output_spec: Answer in JSON.
                      - give_an_out: {text: "Else answer unknown."}
                      - instruction_position: after
                      - repeat_instruction: Remember the labels.
                      - prime: "{"
                      - stop: "---"
                  - name: fs
                    transforms: [{few_shot: {k: 2, order: permutations}}]
                reference_technique: fs[perm-2]
                """);
        assertEquals("Be kind.", s.eval().systemText());
        assertEquals(List.of("all", "fs[perm-1]", "fs[perm-2]"), s.techniques().stream().map(Technique::name).toList());
        FewShot perm2 = (FewShot) s.technique("fs[perm-2]").orElseThrow().transforms().get(0);
        assertEquals(List.of("p2", "p1"), perm2.examples().stream().map(FewShot.Example::user).toList());
        var row = new dev.tunebench.data.Row(0, "q.csv:2", List.of(dev.tunebench.spi.Message.system("Be kind."),
                dev.tunebench.spi.Message.user("hi"), dev.tunebench.spi.Message.assistant("greet")));
        var p = s.technique("all").orElseThrow().apply(row);
        assertEquals(List.of(dev.tunebench.spi.Message.user(
                "hi\n\nClassify. Be kind.\nAnswer in JSON.\nElse answer unknown.\n---\nRemember the labels.")), p.messages());
        assertEquals("{", p.assistantPrefix());
        assertEquals(List.of("---"), p.stopStrings());
    }

    @Test
    void gatesAndPerfStayRawAndAnchorsResolve() {
        Suite s = fx.load(SuiteFixture.MINIMAL + """
                techniques:
                  - {name: a, transforms: [{system: {replace: &txt "Shared text."}}]}
                  - {name: b, transforms: [{repeat_instruction: {text: *txt}}]}
                gates: [{metric: accuracy, min: 0.8}]
                perf: {scenarios: [{name: x}]}
                """);
        assertEquals("Shared text.", ((dev.tunebench.technique.RepeatInstruction) s.technique("b").orElseThrow().transforms().get(0)).text());
        assertEquals(0.8, s.gates().get(0).get("min").asDouble());
        assertEquals("x", s.perf().get("scenarios").get(0).get("name").asText());
        assertEquals(Map.of(), s.metrics());
    }
}
