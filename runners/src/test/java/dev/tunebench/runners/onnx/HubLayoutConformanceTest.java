package dev.tunebench.runners.onnx;

import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.TeacherForcedScore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's ckpt-epoch-4 as the hub ships it (../shared/conformance/hub-layout: graphs under onnx/ as a
 * single decoder, optimum's merged decoder and optimum's split pair) must behave exactly like the flat
 * folder: greedy completions on all 240 test rows, batched and one by one, sampling, stop strings and
 * the validation loss.
 */
class HubLayoutConformanceTest {
    private static final GenerationSettings GREEDY = GenerationSettings.greedy(16);
    private static List<Prompt> prompts;
    private static List<Generation> flat;
    private static List<List<Message>> validation;
    private static double flatLoss;

    @BeforeAll
    static void flatReference() {
        List<List<Message>> test = DemoConversations.read("test.jsonl");
        prompts = test.stream().map(c -> Prompt.of(DemoConversations.input(c))).toList();
        validation = DemoConversations.read("validation.jsonl");
        try (Runner runner = new OnnxRunnerFactory().open(TestModels.demo("ckpt-epoch-4"), new RunnerSettings("cpu", 1, 16))) {
            flatLoss = loss(runner.score(validation));
        }
        try (Runner runner = new OnnxRunnerFactory().open(TestModels.demo("ckpt-epoch-4"), new RunnerSettings("cpu", 1, 1))) {
            flat = runner.generate(prompts, GREEDY);
        }
    }

    private static Runner open(String file, int batchSize) {
        return OnnxRunner.open(TestModels.hubLayout(), new RunnerSettings("cpu", 1, batchSize), GraphChoice.file(file, "file"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"onnx/model.onnx", "onnx/decoder_model_merged.onnx", "onnx/decoder_model.onnx"})
    void greedyEqualsTheFlatFolderBatchedAndOneByOne(String file) {
        assertEquals(240, prompts.size());
        for (int batchSize : new int[]{1, 16}) {
            List<Generation> out;
            try (Runner runner = open(file, batchSize)) {
                out = runner.generate(prompts, GREEDY);
            }
            for (int i = 0; i < prompts.size(); i++) {
                String row = file + " batch " + batchSize + " row " + i;
                assertArrayEquals(flat.get(i).completionIds(), out.get(i).completionIds(), row);
                assertEquals(flat.get(i).text(), out.get(i).text(), row);
                assertEquals(flat.get(i).finishReason(), out.get(i).finishReason(), row);
                assertEquals(flat.get(i).promptTokens(), out.get(i).promptTokens(), row);
                assertEquals(out.get(i).completionIds().length + (out.get(i).finishReason() == FinishReason.EOS ? 1 : 0),
                        out.get(i).timings().tokenNanos().length, row + ": one time stamp per picked token");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"onnx/model.onnx", "onnx/decoder_model_merged.onnx", "onnx/decoder_with_past_model.onnx"})
    void samplingAndStopStringsEqualTheFlatFolder(String file) {
        List<Prompt> some = prompts.subList(0, 24);
        GenerationSettings sampled = new GenerationSettings(16, new Decoding.Sampling(0.9, 0.95, 0, 7), List.of("\"}"));
        List<Generation> expected;
        try (Runner runner = new OnnxRunnerFactory().open(TestModels.demo("ckpt-epoch-4"), new RunnerSettings("cpu", 1, 4))) {
            expected = runner.generate(some, sampled);
        }
        try (Runner runner = open(file, 4)) {
            List<Generation> out = runner.generate(some, sampled);
            for (int i = 0; i < some.size(); i++) {
                assertArrayEquals(expected.get(i).completionIds(), out.get(i).completionIds(), file + " row " + i);
                assertEquals(expected.get(i).text(), out.get(i).text(), file + " row " + i);
                assertEquals(expected.get(i).finishReason(), out.get(i).finishReason(), file + " row " + i);
            }
        }
        assertTrue(expected.stream().anyMatch(g -> g.finishReason() == FinishReason.STOP_STRING), "the stop string must fire");
    }

    @ParameterizedTest
    @ValueSource(strings = {"onnx/model.onnx", "onnx/decoder_model_merged.onnx", "onnx/decoder_model.onnx"})
    void validationLossEqualsTheFlatFolder(String file) {
        try (Runner runner = open(file, 16)) {
            assertEquals(flatLoss, loss(runner.score(validation)), 1e-9, file);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"onnx/model.onnx", "onnx/decoder_model_merged.onnx", "onnx/decoder_model.onnx"})
    void manifestNamesTheKindAndHashesTheGraphs(String file) {
        try (Runner runner = open(file, 1)) {
            Map<String, Object> d = runner.info().details();
            Map<String, String> sha = runner.info().fileSha256();
            assertEquals("onnx/", d.get("layout"));
            assertEquals("fp32", d.get("variant"));
            assertEquals("file " + file, d.get("chosen_by"));
            assertEquals(List.of("onnx/decoder_model.onnx", "onnx/decoder_model_merged.onnx",
                    "onnx/decoder_with_past_model.onnx", "onnx/model.onnx"), d.get("graphs_present"));
            String kind = file.contains("merged") ? "merged" : file.contains("decoder_model") ? "split" : "single";
            assertEquals(kind, d.get("decoder_kind"));
            List<String> graphs = kind.equals("split")
                    ? List.of("onnx/decoder_model.onnx", "onnx/decoder_with_past_model.onnx") : List.of(file);
            assertEquals(graphs, d.get("graph_files"));
            for (String g : graphs) {
                assertEquals(RunnerDetails.sha256(TestModels.hubLayout().resolve(g)), sha.get(g), g);
            }
            assertEquals(RunnerDetails.sha256(TestModels.demo("ckpt-epoch-4").resolve("tokenizer.json")), sha.get("tokenizer.json"));
        }
    }

    private static double loss(List<TeacherForcedScore> scores) {
        double nll = scores.stream().mapToDouble(TeacherForcedScore::sumNll).sum();
        long tokens = scores.stream().mapToLong(TeacherForcedScore::tokenCount).sum();
        return nll / tokens;
    }
}
