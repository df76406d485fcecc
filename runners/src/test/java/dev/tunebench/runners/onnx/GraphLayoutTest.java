package dev.tunebench.runners.onnx;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerOptions;
import dev.tunebench.spi.RunnerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which graph file(s) a folder resolves to, and the errors when the choice is missing or wrong. */
class GraphLayoutTest {
    /** onnx-community/Llama-3.2-3B-Instruct-ONNX's listing (HF commit f2956e8). */
    private static final List<String> ONNX_COMMUNITY = List.of("model.onnx", "model_bnb4.onnx", "model_fp16.onnx",
            "model_int8.onnx", "model_q4.onnx", "model_q4f16.onnx", "model_quantized.onnx", "model_uint8.onnx");

    @TempDir
    Path dir;

    private void files(String... paths) throws IOException {
        for (String p : paths) {
            Files.createDirectories(dir.resolve(p).getParent());
            Files.writeString(dir.resolve(p), "");
        }
    }

    private ModelGraphs resolve(GraphChoice choice) {
        return GraphLayout.resolve(dir, choice, null);
    }

    private String error(GraphChoice choice) {
        String msg = assertThrows(InputException.class, () -> resolve(choice)).getMessage();
        assertTrue(msg.startsWith("Model folder " + dir + ": "), msg);
        assertTrue(msg.contains("\n  Fix: "), msg);
        return msg;
    }

    @Test
    void flatFolderAsToday() throws IOException {
        files("model.onnx");
        ModelGraphs g = resolve(GraphChoice.NONE);
        assertEquals(dir.resolve("model.onnx"), g.decoder());
        assertNull(g.prefill());
        assertEquals("top", g.layout());
        assertEquals(GraphVariant.FP32, g.variant());
        assertEquals("variant fp32 (default)", g.how());
    }

    @Test
    void variantsUnderOnnxDefaultToFp32AndAreChosenByName() throws IOException {
        files(ONNX_COMMUNITY.stream().map(f -> "onnx/" + f).toArray(String[]::new));
        assertEquals(dir.resolve("onnx/model.onnx"), resolve(GraphChoice.NONE).decoder());
        assertEquals("onnx/", resolve(GraphChoice.NONE).layout());
        for (String[] pair : new String[][]{{"fp32", "model.onnx"}, {"fp16", "model_fp16.onnx"}, {"q8", "model_quantized.onnx"},
                {"quantized", "model_quantized.onnx"}, {"int8", "model_int8.onnx"}, {"uint8", "model_uint8.onnx"},
                {"q4", "model_q4.onnx"}, {"Q4F16", "model_q4f16.onnx"}, {"bnb4", "model_bnb4.onnx"}}) {
            ModelGraphs g = resolve(GraphChoice.variant(pair[0], "--variant"));
            assertEquals(dir.resolve("onnx").resolve(pair[1]), g.decoder(), pair[0]);
        }
        assertEquals(dir.resolve("onnx/model_q4.onnx"), resolve(GraphChoice.file("onnx/model_q4.onnx", "--file")).decoder());
        assertEquals(GraphVariant.Q4, resolve(GraphChoice.file("onnx/model_q4.onnx", "--file")).variant());
    }

    @Test
    void severalVariantsWithoutFp32NeedAChoice() throws IOException {
        files("onnx/model_q4.onnx", "onnx/model_fp16.onnx");
        String msg = error(GraphChoice.NONE);
        assertTrue(msg.contains("several weight variants (fp16, q4) and none is chosen"), msg);
        assertTrue(msg.contains(".onnx files present: onnx/model_fp16.onnx, onnx/model_q4.onnx"), msg);
        assertTrue(msg.contains("add variant: fp16 | q4"), msg);
    }

    @Test
    void theOnlyVariantIsTakenAndSaysSo() throws IOException {
        files("onnx/model_q4f16.onnx");
        ModelGraphs g = resolve(GraphChoice.NONE);
        assertEquals(dir.resolve("onnx/model_q4f16.onnx"), g.decoder());
        assertEquals("variant q4f16 (the only one present)", g.how());
    }

    @Test
    void aVariantThatIsNotThere() throws IOException {
        files("onnx/model.onnx", "onnx/model_q4.onnx");
        String msg = error(GraphChoice.variant("fp16", "suite.yaml:9: models[0].runner.variant"));
        assertTrue(msg.contains("suite.yaml:9: models[0].runner.variant: there is no fp16 graph (no file ending in '_fp16.onnx')"), msg);
        assertTrue(msg.contains("onnx/model.onnx, onnx/model_q4.onnx"), msg);
        assertTrue(msg.contains("add variant: fp32 | q4"), msg);
        msg = error(GraphChoice.variant("q3", "--variant"));
        assertTrue(msg.contains("--variant: 'q3' is not a variant name"), msg);
        assertTrue(msg.contains(GraphVariant.NAMES), msg);
    }

    @Test
    void preferenceIsSingleThenMergedThenSplit() throws IOException {
        files("onnx/decoder_model.onnx", "onnx/decoder_with_past_model.onnx");
        ModelGraphs split = resolve(GraphChoice.NONE);
        assertTrue(split.split());
        assertEquals(dir.resolve("onnx/decoder_model.onnx"), split.prefill());
        assertEquals(dir.resolve("onnx/decoder_with_past_model.onnx"), split.decoder());
        files("onnx/decoder_model_merged.onnx");
        assertEquals(dir.resolve("onnx/decoder_model_merged.onnx"), resolve(GraphChoice.NONE).decoder());
        files("onnx/model.onnx");
        assertEquals(dir.resolve("onnx/model.onnx"), resolve(GraphChoice.NONE).decoder());
        files("model.onnx");
        assertEquals(dir.resolve("model.onnx"), resolve(GraphChoice.NONE).decoder(), "the top of the folder comes first");
        assertEquals(List.of("model.onnx", "onnx/decoder_model.onnx", "onnx/decoder_model_merged.onnx",
                "onnx/decoder_with_past_model.onnx", "onnx/model.onnx"), resolve(GraphChoice.NONE).present());
    }

    @Test
    void eitherHalfOfTheSplitPairNamesThePair() throws IOException {
        files("onnx/decoder_model_fp16.onnx", "onnx/decoder_with_past_model_fp16.onnx");
        for (String half : List.of("onnx/decoder_model_fp16.onnx", "onnx/decoder_with_past_model_fp16.onnx")) {
            ModelGraphs g = resolve(GraphChoice.file(half, "--file"));
            assertEquals(dir.resolve("onnx/decoder_model_fp16.onnx"), g.prefill());
            assertEquals(dir.resolve("onnx/decoder_with_past_model_fp16.onnx"), g.decoder());
            assertEquals(GraphVariant.FP16, g.variant());
        }
    }

    @Test
    void aSplitPairWithOneHalfMissing() throws IOException {
        files("onnx/decoder_model.onnx");
        String msg = error(GraphChoice.NONE);
        assertTrue(msg.contains("optimum's split decoder needs both onnx/decoder_model.onnx (first step) and "
                + "onnx/decoder_with_past_model.onnx (following steps), but onnx/decoder_with_past_model.onnx is missing"), msg);
        assertTrue(msg.contains(".onnx files present: onnx/decoder_model.onnx"), msg);
        assertTrue(msg.contains("copy onnx/decoder_with_past_model.onnx from the same export"), msg);
        Files.delete(dir.resolve("onnx/decoder_model.onnx"));
        files("decoder_with_past_model.onnx");
        msg = error(GraphChoice.NONE);
        assertTrue(msg.contains("but decoder_model.onnx is missing"), msg);
    }

    @Test
    void fileChoices() throws IOException {
        files("onnx/model.onnx");
        assertTrue(error(GraphChoice.file("../model.onnx", "--file")).contains("--file: '../model.onnx' is outside the model folder"));
        String msg = error(GraphChoice.file("onnx/decoder_model_merged.onnx", "suite.yaml:4: models[1].runner.file"));
        assertTrue(msg.contains("suite.yaml:4: models[1].runner.file: 'onnx/decoder_model_merged.onnx' does not exist"), msg);
        assertTrue(msg.contains(".onnx files present: onnx/model.onnx"), msg);
        msg = error(new GraphChoice("q4", "--variant", "onnx/model.onnx", "--file"));
        assertTrue(msg.contains("--variant and --file both choose a graph"), msg);
    }

    @Test
    void noGraphAtAll() throws IOException {
        files("onnx/encoder_model.onnx");
        String msg = error(GraphChoice.NONE);
        assertTrue(msg.contains("there is no decoder graph"), msg);
        assertTrue(msg.contains(".onnx files present: onnx/encoder_model.onnx"), msg);
        assertTrue(msg.contains("optimum-cli export onnx"), msg);
    }

    @Test
    void genaiConfigNamesTheFileUnlessTheSuiteChooses() throws IOException {
        files("phi.onnx", "model.onnx");
        assertEquals(dir.resolve("phi.onnx"), GraphLayout.resolve(dir, GraphChoice.NONE, "phi.onnx").decoder());
        assertEquals(dir.resolve("model.onnx"), GraphLayout.resolve(dir, GraphChoice.file("model.onnx", "--file"), "phi.onnx").decoder());
        assertFalse(GraphLayout.resolve(dir, GraphChoice.NONE, "phi.onnx").split());
    }

    @Test
    void theFactoryChecksTheRunnerKeysAndTheChoiceWithoutOpeningTheGraph() throws IOException {
        files("onnx/model.onnx", "onnx/model_q4.onnx", "tokenizer.json");
        Files.writeString(dir.resolve("config.json"), "{\"eos_token_id\": 7}");
        OnnxRunnerFactory factory = new OnnxRunnerFactory();
        factory.check(dir, RunnerSettings.cpu().withOptions(RunnerOptions.of(Map.of("variant", "q4"), "test")));
        factory.check(dir, RunnerSettings.cpu().withOptions(RunnerOptions.of(Map.of("file", "onnx/model_q4.onnx"), "test")));
        String msg = assertThrows(InputException.class, () -> factory.check(dir,
                RunnerSettings.cpu().withOptions(RunnerOptions.of(Map.of("variant", "fp16"), "test")))).getMessage();
        assertTrue(msg.contains("test: variant: there is no fp16 graph"), msg);
        msg = assertThrows(InputException.class, () -> factory.check(dir,
                RunnerSettings.cpu().withOptions(RunnerOptions.of(Map.of("files", "onnx/model.onnx"), "test")))).getMessage();
        assertTrue(msg.contains("unknown key 'files' for runner type onnx"), msg);
        assertTrue(msg.contains("file"), msg);
        msg = assertThrows(InputException.class, () -> factory.check(null, RunnerSettings.cpu())).getMessage();
        assertTrue(msg.contains("give the model a path:"), msg);
    }

    @Test
    void mergedGraphWhoseCacheBranchIsNotBool(@TempDir Path tmp) throws IOException {
        Path folder = TinyGraph.write(tmp.resolve("bad-merged"), "onnx/decoder_model_merged.onnx",
                new Object[]{"use_cache_branch", 7, 1});
        String msg = assertThrows(InputException.class, () -> OnnxRunner.open(folder, RunnerSettings.cpu(), GraphChoice.NONE)).getMessage();
        assertTrue(msg.startsWith("Model folder " + folder + ": onnx/decoder_model_merged.onnx has input use_cache_branch"
                + " as int64 [1], but optimum's merged decoder switches it with bool [1]"), msg);
        assertTrue(msg.contains(".onnx files present: onnx/decoder_model_merged.onnx"), msg);
        assertTrue(msg.contains("Fix: re-export the model with optimum"), msg);
    }

    @Test
    void aGraphUnderOnnxRunsAndItsBoolBranchIsRecognised(@TempDir Path tmp) throws IOException {
        // A cacheless graph with a well-typed use_cache_branch is not a merged decoder: the input is unknown.
        Path folder = TinyGraph.write(tmp.resolve("cacheless"), "onnx/model.onnx", null);
        try (Runner runner = OnnxRunner.open(folder, RunnerSettings.cpu(), GraphChoice.NONE)) {
            assertEquals("onnx/", runner.info().details().get("layout"));
            assertEquals(List.of("onnx/model.onnx"), runner.info().details().get("graph_files"));
            assertTrue(runner.info().fileSha256().containsKey("onnx/model.onnx"));
        }
        Path branchOnly = TinyGraph.write(tmp.resolve("branch"), "onnx/model.onnx", new Object[]{"use_cache_branch", 9, 1});
        String msg = assertThrows(InputException.class, () -> OnnxRunner.open(branchOnly, RunnerSettings.cpu(), GraphChoice.NONE)).getMessage();
        assertTrue(msg.contains("found [use_cache_branch]"), msg);
    }
}
