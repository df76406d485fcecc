package dev.tunebench.run;

import dev.tunebench.data.Row;
import dev.tunebench.results.JudgeCalls;
import dev.tunebench.results.Sample;
import dev.tunebench.results.SampleReader;
import dev.tunebench.results.SampleSink;
import dev.tunebench.scoring.JudgeScorer;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.scoring.TestJudges;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Judges inside a run: a pairwise judge meets each answer with the reference model's answer to the same row
 * (also from the run folder on resume), and judge calls spend the run's budget.
 */
class JudgedRunTest {
    private static final List<Row> ROWS = IntStream.range(0, 6).mapToObj(i -> new Row(i, "t.jsonl:" + (i + 1),
            List.of(Message.user("q" + i), Message.assistant("a" + i)))).toList();

    /** Answers every prompt with the model's name and the question: "base:q3". */
    private static final class Answering extends ServedRunnerStub {
        private final String model;

        Answering(String model) {
            this.model = model;
        }

        @Override
        public int countPromptTokens(Prompt prompt) {
            return 10;
        }

        @Override
        public List<Generation> generate(List<Prompt> prompts, GenerationSettings settings) {
            return prompts.stream().map(p -> new Generation("", model + ":" + p.messages().get(0).content(), new int[0], 10, 1,
                    FinishReason.EOS, new Timings(0, new long[]{1}, 2))).toList();
        }
    }

    /** Prefers the fine-tune's answer wherever it stands; 100 prompt and 5 completion tokens a request. */
    private static final class Preferring extends ServedRunnerStub {
        final List<String> asked = new ArrayList<>();

        @Override
        public List<Generation> generate(List<Prompt> prompts, GenerationSettings settings) {
            List<Generation> out = new ArrayList<>();
            for (Prompt p : prompts) {
                String text = p.messages().get(0).content();
                asked.add(text);
                out.add(new Generation("", text.startsWith("A: ft:") ? "A" : "B", new int[0], 100, 5, FinishReason.EOS,
                        new Timings(0, new long[]{1}, 2)));
            }
            return out;
        }
    }

    private static RunOutcome run(Path dir, List<String> models, List<Scorer> scorers, SpendPlan spend, Map<String, String> prior) {
        Map<String, RunnerFactory> factories = Map.of("base", FixedRunner.factory("base", new Answering("base")),
                "ft", FixedRunner.factory("ft", new Answering("ft")));
        List<RunPlan.Model> planned = models.stream().map(id -> new RunPlan.Model(id, null, id, new RunnerSettings("cpu", 1, 4),
                GenerationSettings.greedy(20))).toList();
        Set<String> done = new java.util.HashSet<>();
        if (java.nio.file.Files.exists(dir.resolve(SampleSink.FILE_NAME))) {
            SampleReader.forEach(dir, s -> done.add(s.key()));
        }
        RunPlan plan = new RunPlan(planned, List.of(new RunPlan.Technique("plain", row -> Prompt.of(row.input()))),
                ROWS::stream, null, scorers, null, null, 1, 0, Shard.ALL, done).withSpend(spend).withPriorAnswers(prior);
        try (SampleSink sink = new SampleSink(dir)) {
            return new RunEngine(plan, factories::get, sink, RunListener.NONE).run();
        }
    }

    private static List<Sample> samples(Path dir) {
        List<Sample> out = new ArrayList<>();
        SampleReader.forEach(dir, out::add);
        return out;
    }

    @Test
    void aPairwiseJudgeMeetsEachAnswerWithTheReferenceModelsAnswerToTheSameRow(@TempDir Path dir) {
        Preferring judge = new Preferring();
        JudgeScorer pick = TestJudges.pairwise("pick", "judge", new JudgeScorer.Reference.OfModel("base"), judge);
        RunOutcome outcome = run(dir, List.of("base", "ft"), List.of(pick), SpendPlan.NONE, Map.of());
        assertTrue(outcome.complete(), outcome.problems().toString());
        for (Sample s : samples(dir)) {
            if (s.model().equals("base")) {
                assertFalse(s.scores().containsKey("pick"), "the reference model is not compared with itself");
                assertNull(s.judgeCalls());
            } else {
                assertEquals(1.0, s.scores().get("pick"), s.toString());
                assertEquals(Boolean.TRUE, s.judgeCalls().get("pick").swapConsistent());
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ROWS.size(); i++) {
            expected.add("A: ft:q" + i + " B: base:q" + i);
            expected.add("A: base:q" + i + " B: ft:q" + i);
        }
        assertEquals(expected, judge.asked, "row by row, both orders, against base's answer to that row");
    }

    @Test
    void onResumeTheReferenceAnswersComeFromTheRunFolder(@TempDir Path dir) {
        JudgeScorer pick = TestJudges.pairwise("pick", "judge", new JudgeScorer.Reference.OfModel("base"), new Preferring());
        run(dir, List.of("base"), List.of(pick), SpendPlan.NONE, Map.of());
        Map<String, String> prior = new java.util.HashMap<>();
        samples(dir).forEach(s -> prior.put(s.key(), s.answer()));
        Preferring judge = new Preferring();
        JudgeScorer again = TestJudges.pairwise("pick", "judge", new JudgeScorer.Reference.OfModel("base"), judge);
        assertTrue(run(dir, List.of("base", "ft"), List.of(again), SpendPlan.NONE, prior).complete());
        assertEquals(12, judge.asked.size());
        assertEquals("A: ft:q0 B: base:q0", judge.asked.get(0));
        assertTrue(samples(dir).stream().filter(s -> s.model().equals("ft")).allMatch(s -> s.scores().get("pick") == 1.0));
    }

    @Test
    void judgeCallsSpendTheRunsBudgetAndAResumeCountsThem(@TempDir Path dir) {
        // Model requests cost nothing here; judge requests 100 prompt + 5 completion tokens at 1 per 1K: 0.105 each, 0.21 a row.
        CostTable prices = new CostTable("USD", null, Map.of("judge", new CostTable.Price(1, 1)));
        JudgeScorer pick = TestJudges.pairwise("pick", "judge", new JudgeScorer.Reference.Expected(), new Preferring());
        RunOutcome outcome = run(dir, List.of("ft"), List.of(pick), new SpendPlan(new SpendBudget(1.0, Map.of()), prices, Map.of()),
                Map.of());
        assertFalse(outcome.complete());
        List<Sample> first = samples(dir);
        JudgeCalls calls = first.get(0).judgeCalls().get("pick");
        assertEquals(2, calls.requests());
        assertEquals(0.21, calls.cost(), 1e-12);
        // Each row first reserves its judging at worst: two orders, each repaired once, a prompt of the rubric (31 chars),
        // the model's prompt (10 tokens) and both answers at max_new_tokens (20): 2 * ((2 * 57.75 + 50) + 2 * 50) / 1000
        // = 0.531. After three rows (0.63 spent) the fourth could cross 1.0.
        assertEquals(3, first.size());
        assertTrue(outcome.problems().get(0).contains("cross the run's budget of 1.000000 USD"), outcome.problems().toString());

        SpendPlan resumed = SpendPlan.resumed(new SpendBudget(10.0, Map.of()), prices, dir);
        assertEquals(first.size() * 0.21, resumed.spentBefore().get(SpendPlan.JUDGES), 1e-12);
        JudgeScorer again = TestJudges.pairwise("pick", "judge", new JudgeScorer.Reference.Expected(), new Preferring());
        assertTrue(run(dir, List.of("ft"), List.of(again), resumed, Map.of()).complete());
        assertEquals(ROWS.size(), samples(dir).size());
    }
}
