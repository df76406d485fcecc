package dev.tunebench.run;

import dev.tunebench.data.Row;
import dev.tunebench.results.Sample;
import dev.tunebench.results.SampleReader;
import dev.tunebench.results.SampleSink;
import dev.tunebench.scoring.Score;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RequestsFailed;
import dev.tunebench.spi.ServedRunnerStub;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.Timings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine with a runner like a served model: unsupported prompts, failed requests, no validation loss. */
class ServedRunnerEngineTest {
    private static final List<Row> ROWS = IntStream.range(0, 10).mapToObj(i -> new Row(i, "t.jsonl:" + (i + 1),
            List.of(Message.user("q" + i), Message.assistant("a" + i)))).toList();

    /** Answers "a<row>"; fails rows 3 and 7 for good; cannot run primed prompts; no teacher forcing. */
    static final class Served extends ServedRunnerStub {
        final List<Integer> batches = new ArrayList<>();

        @Override
        public List<Generation> generate(List<Prompt> prompts, GenerationSettings settings) {
            batches.add(prompts.size());
            Generation[] out = new Generation[prompts.size()];
            String[] errors = new String[prompts.size()];
            boolean failed = false;
            for (int i = 0; i < prompts.size(); i++) {
                String q = prompts.get(i).messages().get(0).content();
                if (q.equals("q3") || q.equals("q7")) {
                    errors[i] = "server answered 503 (gave up after 3 attempts)";
                    failed = true;
                } else {
                    out[i] = new Generation("", "a" + q.substring(1), new int[0], 4, 1, FinishReason.EOS,
                            new Timings(0, new long[]{1}, 2));
                }
            }
            if (failed) {
                throw new RequestsFailed(Arrays.asList(out), Arrays.asList(errors));
            }
            return List.of(out);
        }

        @Override
        public Optional<String> unsupported(Prompt prompt, GenerationSettings settings) {
            return prompt.assistantPrefix().isEmpty() ? Optional.empty() : Optional.of("priming needs continue_final_message");
        }

        @Override
        public int minBatchSize() {
            return 4;
        }
    }

    @Test
    void failedRequestsAndUnsupportedPromptsBecomeErrorSamplesAndValidationIsSkipped(@TempDir Path dir) throws Exception {
        Served runner = new Served();
        RunnerFactory factory = FixedRunner.factory("served", runner);
        Scorer exact = new Scorer() {
            @Override
            public String name() {
                return "exact";
            }

            @Override
            public Score score(String answer, String expected) {
                return answer.equals(expected) ? Score.pass(answer) : Score.fail(answer, "differs");
            }
        };
        List<RunPlan.Technique> techniques = List.of(
                new RunPlan.Technique("plain", row -> Prompt.of(row.input())),
                new RunPlan.Technique("primed", row -> Prompt.of(row.input()).withAssistantPrefix("a")));
        RunPlan plan = new RunPlan(List.of(new RunPlan.Model("m", null, "served", new RunnerSettings("cpu", 1, 1),
                GenerationSettings.greedy(4))), techniques, ROWS::stream, ROWS::stream, List.of(exact), "exact", null,
                1, 0, Shard.ALL, Set.of());
        List<String> unavailable = new ArrayList<>();
        RunOutcome outcome;
        try (SampleSink sink = new SampleSink(dir)) {
            outcome = new RunEngine(plan, id -> factory, sink, new RunListener() {
                @Override
                public void validationUnavailable(String modelId) {
                    unavailable.add(modelId);
                }
            }).run();
        }
        assertTrue(outcome.complete(), outcome.problems().toString());
        assertTrue(outcome.validationLoss().isEmpty());
        assertEquals(List.of("m"), unavailable);
        assertEquals(List.of(4, 4, 2), runner.batches, "batches at least minBatchSize, though batch_size is 1");
        List<Sample> samples = new ArrayList<>();
        SampleReader.forEach(dir, samples::add);
        assertEquals(20, samples.size());
        List<Sample> plain = samples.stream().filter(s -> s.technique().equals("plain")).toList();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), plain.stream().map(Sample::row).toList());
        for (Sample s : plain) {
            if (s.row() == 3 || s.row() == 7) {
                assertTrue(s.error().contains("503"), s.error());
            } else {
                assertNull(s.error());
                assertEquals(1.0, s.accuracy());
            }
        }
        assertTrue(samples.stream().filter(s -> s.technique().equals("primed"))
                .allMatch(s -> s.error().equals(Sample.UNSUPPORTED + "priming needs continue_final_message")));
    }
}
