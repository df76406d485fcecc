package dev.tunebench.scoring;

import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerSettings;

import java.util.LinkedHashMap;
import java.util.Map;

/** Judge scorers over a runner made in a test, for engine tests outside this package. */
public final class TestJudges {
    private TestJudges() {
    }

    /**
     * A pairwise judge named {@code name} on model {@code judgeId} with the rubric {@code A: {{answer_a}} B: {{answer_b}}}
     * and choices A (1), B (0), tie (0.5), comparing with {@code reference}.
     */
    public static JudgeScorer pairwise(String name, String judgeId, JudgeScorer.Reference reference, Runner runner) {
        Map<String, Double> pick = new LinkedHashMap<>();
        pick.put("A", 1.0);
        pick.put("B", 0.0);
        pick.put("tie", 0.5);
        JudgeModel model = new JudgeModel(judgeId, "stub", null, RunnerSettings.cpu(), GenerationSettings.greedy(50));
        return new JudgeScorer(name, Rubric.parse("A: {{answer_a}} B: {{answer_b}}", name, true),
                new GradeParser.Choices(pick, GradeParser.Choices.wordsOf(pick)), model, null, JudgeScorer.Sampling.ONCE,
                JudgeScorer.Structured.OFF, reference, m -> runner);
    }
}
