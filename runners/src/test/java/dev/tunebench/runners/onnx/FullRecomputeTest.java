package dev.tunebench.runners.onnx;

import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A graph without cache inputs, with int32 ids and mask and no position_ids, decodes by full recompute. */
class FullRecomputeTest {

    @Test
    void contractHasNoCacheAndInt32Ids(@TempDir Path tmp) throws Exception {
        try (Runner runner = new OnnxRunnerFactory().open(TinyGraph.write(tmp.resolve("bigram")), RunnerSettings.cpu())) {
            var details = runner.info().details();
            assertEquals("full-recompute", details.get("decoding"));
            assertEquals("int32", details.get("ids_dtype"));
            assertEquals(false, details.get("position_ids"));
            assertEquals(TinyGraph.VOCAB, details.get("vocab"));
        }
    }

    @Test
    void int8WeightsUnderOnnxNeedNothingMore(@TempDir Path tmp) throws Exception {
        Path folder = TinyGraph.write(tmp.resolve("q8"), "onnx/model_quantized.onnx", null, true);
        try (Runner runner = new OnnxRunnerFactory().open(folder, RunnerSettings.cpu())) {
            assertEquals("q8", runner.info().details().get("variant"));
            assertEquals("variant q8 (the only one present)", runner.info().details().get("chosen_by"));
            // 2 -> 7 -> 6 -> 3 -> 10 -> 15 (eos), as with float weights
            assertArrayEquals(new int[]{7, 6, 3, 10}, runner.generateFromIds(List.of(new int[]{2}), GenerationSettings.greedy(6))
                    .get(0).completionIds());
        }
    }

    @Test
    void greedyFollowsTheGraphInABatchOfMixedLengths(@TempDir Path tmp) throws Exception {
        List<int[]> prompts = List.of(new int[]{2}, new int[]{5, 9, 4}, new int[]{1, 1});
        try (Runner runner = new OnnxRunnerFactory().open(TinyGraph.write(tmp.resolve("bigram")), new RunnerSettings("cpu", 1, 3))) {
            List<Generation> out = runner.generateFromIds(prompts, GenerationSettings.greedy(6));
            // 2 -> 7 -> 6 -> 3 -> 10 -> 15 (eos, not a completion token)
            assertArrayEquals(new int[]{7, 6, 3, 10}, out.get(0).completionIds());
            assertEquals(FinishReason.EOS, out.get(0).finishReason());
            for (int r = 1; r < prompts.size(); r++) {
                int[] p = prompts.get(r);
                int[] expected = new int[6];
                int t = p[p.length - 1];
                for (int i = 0; i < expected.length; i++) {
                    t = TinyGraph.next(t);
                    expected[i] = t;
                }
                assertArrayEquals(expected, out.get(r).completionIds(), "row " + r);
                assertEquals(FinishReason.LENGTH, out.get(r).finishReason());
            }
        }
    }
}
