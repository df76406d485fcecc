package dev.tunebench.run;

import dev.tunebench.data.Row;
import dev.tunebench.results.Sample;
import dev.tunebench.results.SampleReader;
import dev.tunebench.results.SampleSink;
import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.ServedRunnerStub;
import dev.tunebench.spi.Timings;
import dev.tunebench.suite.CostTable;
import dev.tunebench.suite.SpendBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The budget in batches: a batch whose worst case does not fit is sent as far as it fits, then checked again
 * against what it actually cost, so the run stops at the first request that alone could cross the limit; the
 * run's limit stops every model, and a resumed plan counts what the folder already spent.
 */
class SpendBudgetEngineTest {
    private static final List<Row> ROWS = IntStream.range(0, 20).mapToObj(i -> new Row(i, "t.jsonl:" + (i + 1),
            List.of(Message.user("q" + i), Message.assistant("a" + i)))).toList();
    /** 1 per 1K tokens: a request's worst case is (10 + 100) / 1000 = 0.11, what it costs (10 + 1) / 1000 = 0.011. */
    private static final CostTable PRICES = new CostTable("USD", new CostTable.Price(1, 1), Map.of());

    /** Every prompt is 10 tokens here; every answer 10 + 1 tokens by its usage. */
    private static final class Priced extends ServedRunnerStub {
        final List<Integer> batches = new ArrayList<>();

        @Override
        public int countPromptTokens(Prompt prompt) {
            return 10;
        }

        @Override
        public List<Generation> generate(List<Prompt> prompts, GenerationSettings settings) {
            batches.add(prompts.size());
            return prompts.stream().map(p -> new Generation("", "a", new int[0], 10, 1, FinishReason.EOS,
                    new Timings(0, new long[]{1}, 2))).toList();
        }
    }

    private static RunOutcome run(Path dir, Priced runner, SpendPlan spend, List<String> models) {
        RunnerFactory factory = FixedRunner.factory("priced", runner);
        List<RunPlan.Model> planned = models.stream().map(id -> new RunPlan.Model(id, null, "priced", new RunnerSettings("cpu", 1, 4),
                GenerationSettings.greedy(100))).toList();
        Set<String> done = new java.util.HashSet<>();
        if (java.nio.file.Files.exists(dir.resolve(SampleSink.FILE_NAME))) {
            SampleReader.forEach(dir, s -> done.add(s.key()));
        }
        RunPlan plan = new RunPlan(planned, List.of(new RunPlan.Technique("plain", row -> Prompt.of(row.input()))),
                ROWS::stream, null, List.of(), null, null, 1, 0, Shard.ALL, done).withSpend(spend);
        try (SampleSink sink = new SampleSink(dir)) {
            return new RunEngine(plan, id -> factory, sink, RunListener.NONE).run();
        }
    }

    private static List<Sample> samples(Path dir) {
        List<Sample> out = new ArrayList<>();
        SampleReader.forEach(dir, out::add);
        return out;
    }

    @Test
    void theRunStopsAtTheFirstRequestThatCouldCrossItsLimitAndResumeGoesOn(@TempDir Path dir) {
        Priced runner = new Priced();
        // 0.011 k + 0.11 <= 0.2 holds for k = 0..8: nine requests go, the tenth could cross.
        RunOutcome outcome = run(dir, runner, new SpendPlan(new SpendBudget(0.2, Map.of()), PRICES, Map.of()), List.of("m", "n"));
        assertFalse(outcome.complete());
        assertEquals(9, samples(dir).size());
        assertTrue(samples(dir).stream().allMatch(s -> s.model().equals("m")), "the run's limit stops the next model too");
        assertTrue(outcome.problems().get(0).startsWith("budget reached: the next request of 'm' could cost up to 0.110000 USD"
                + " and cross the run's budget of 0.200000 USD (spent 0.099000)"), outcome.problems().toString());
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 1, 1), runner.batches, "each batch re-checked against what was spent");

        // Resumed with room for everything: the folder's 0.099 counts, the other 31 requests go.
        Priced again = new Priced();
        RunOutcome resumed = run(dir, again, SpendPlan.resumed(new SpendBudget(0.6, Map.of()), PRICES, dir), List.of("m", "n"));
        assertTrue(resumed.complete(), resumed.problems().toString());
        assertEquals(40, samples(dir).size());
    }

    @Test
    void aModelsOwnLimitStopsOnlyThatModel(@TempDir Path dir) {
        Priced runner = new Priced();
        RunOutcome outcome = run(dir, runner, new SpendPlan(new SpendBudget(null, Map.of("m", 0.2)), PRICES, Map.of()),
                List.of("m", "n"));
        assertFalse(outcome.complete());
        assertEquals(9, samples(dir).stream().filter(s -> s.model().equals("m")).count());
        assertEquals(20, samples(dir).stream().filter(s -> s.model().equals("n")).count());
        assertTrue(outcome.problems().get(0).contains("cross model 'm''s budget of 0.200000 USD"), outcome.problems().toString());
    }
}
