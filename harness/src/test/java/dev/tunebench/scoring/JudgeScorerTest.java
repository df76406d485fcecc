package dev.tunebench.scoring;

import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RequestsFailed;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.ServedRunnerStub;
import dev.tunebench.spi.Timings;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.tunebench.scoring.Specs.WHERE;
import static dev.tunebench.scoring.Specs.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The judge's rubric, grade reading and declaration errors; the judge itself runs in the CLI end-to-end test. */
class JudgeScorerTest {
    private static final Map<String, Object> OWN_RUNNER = Map.of("type", "openai", "model", "judge-1");

    private static Map<String, Double> choices(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void theLastChoiceInTheReplyIsTheGradeAndAReplyWithoutOneIsNoGrade() {
        Map<String, Double> v = choices("A", 1, "B", 0);
        GradeParser p = new GradeParser.Choices(v, GradeParser.Choices.wordsOf(v));
        assertEquals(new GradeParser.Grade(0, "B"), p.parse("A is tempting, but the answer misses the date. B").orElseThrow());
        assertEquals(new GradeParser.Grade(1, "A"), p.parse("Grade: A").orElseThrow());
        // Whole words only: the "A" inside "Answer" or "BA" is no grade.
        assertEquals(Optional.empty(), p.parse("Answer: BAD"));
        GradeParser withPattern = new GradeParser.Choices(v, java.util.regex.Pattern.compile("GRADE: ([AB])"));
        assertEquals(new GradeParser.Grade(1, "A"), withPattern.parse("B looks wrong... GRADE: A").orElseThrow());
        assertEquals(Optional.empty(), withPattern.parse("B"));
    }

    @Test
    void aScaleMapsOntoZeroToOneAndANumberOffTheScaleIsNoGrade() {
        GradeParser p = new GradeParser.Scale(1, 10, GradeParser.Scale.NUMBER);
        assertEquals(new GradeParser.Grade(0.5, "5.5"), p.parse("Reasoning over 2 points... Score: 5.5").orElseThrow());
        assertEquals(1.0, p.parse("10").orElseThrow().value());
        assertEquals(Optional.empty(), p.parse("11"));
        assertEquals(Optional.empty(), p.parse("no number"));
        assertEquals("a number from 1 to 10", p.expects());
    }

    @Test
    void theRubricIsFilledInOnePassAndNeverInterpretsWhatItFillsIn() {
        Rubric r = Rubric.parse("Q: {{question}}\nA: {{ answer }}\nRef: {{expected}}", WHERE);
        assertEquals("Q: what is {{answer}}?\nA: $1 \\n\nRef: ", r.fill("what is {{answer}}?", "$1 \\n", null));
        assertTrue(r.usesExpected());
    }

    @Test
    void declarationErrorsNameTheFieldAndTheFix() {
        assertEquals(WHERE + ": rubric: unknown placeholder {{reply}}; use {{question}}, {{answer}} and {{expected}}.",
                rejected("judge", "rubric", "{{reply}}", "runner", OWN_RUNNER, "grade", Map.of("min", 1, "max", 5)));
        assertEquals(WHERE + ": rubric: has no {{answer}}; the judge must see the answer it grades.",
                rejected("judge", "rubric", "{{question}}", "runner", OWN_RUNNER, "grade", Map.of("min", 1, "max", 5)));
        assertEquals(WHERE + ": model: missing; give model or runner",
                rejected("judge", "rubric", "{{answer}}", "grade", Map.of("min", 1, "max", 5)));
        assertEquals(WHERE + ": model: no model 'gpt' in this suite; name one of the suite's models, or give the judge its own "
                + "runner: {type: ...}.", rejected("judge", "rubric", "{{answer}}", "model", "gpt", "grade", Map.of("min", 1, "max", 5)));
        assertEquals(WHERE + ": grade: missing; say how to read the judge's grade: grade: {choices: {A: 1, B: 0}} or "
                + "grade: {min: 1, max: 10}.", rejected("judge", "rubric", "{{answer}}", "runner", OWN_RUNNER));
        assertEquals(WHERE + ": grade.choices.A: expected a value from 0 to 1 (what this grade is worth), got 5",
                rejected("judge", "rubric", "{{answer}}", "runner", OWN_RUNNER, "grade", Map.of("choices", Map.of("A", 5))));
        assertTrue(rejected("judge", "rubric", "{{answer}}", "runner", Map.of("model", "m"), "grade", Map.of("min", 1, "max", 5))
                .startsWith(WHERE + ": runner.type: missing;"));
    }

    @Test
    void aJudgeWithItsOwnRunnerKeepsItsSettingsForTheRunnerToCheck() {
        Scorer s = Specs.scorer("judge", "rubric", "{{answer}}", "runner", Map.of("type", "openai", "model", "judge-1",
                "batch_size", 16), "grade", Map.of("choices", Map.of("PASS", 1, "FAIL", 0)), "max_new_tokens", 8);
        JudgeModel m = assertInstanceOf(JudgeScorer.class, s).model();
        assertEquals("openai", m.runnerType());
        assertEquals(16, m.runner().batchSize());
        assertEquals("judge-1", m.runner().options().text("model").orElseThrow());
        assertEquals(8, m.generation().maxNewTokens());
    }

    @Test
    void aRowTheServedJudgeCouldNotAnswerIsUnscoredAndTheOthersGraded() {
        // The error path of a served judge (requests failed after retries) cannot be produced on demand by a real
        // server in this module's tests: a runner stub answers the first rubric and fails the second.
        Runner failsSecond = new ServedRunnerStub() {
            @Override
            public List<Generation> generate(List<Prompt> prompts, GenerationSettings settings) {
                Generation a = new Generation("", "GRADE: A", new int[0], 1, 1, FinishReason.EOS, new Timings(0, new long[0], 0));
                throw new RequestsFailed(Arrays.asList(a, null), Arrays.asList(null, "HTTP 503 after 4 retries"));
            }
        };
        Map<String, Double> v = choices("A", 1, "B", 0);
        JudgeModel model = new JudgeModel("judge", "stub", null, RunnerSettings.cpu(),
                GenerationSettings.greedy(8));
        JudgeScorer judge = new JudgeScorer("j", Rubric.parse("{{answer}}", WHERE),
                new GradeParser.Choices(v, GradeParser.Choices.wordsOf(v)), model, null, m -> failsSecond);
        List<Score> scores = judge.gradeAll(List.of(new JudgeScorer.Ask("q", "a1", "e"),
                new JudgeScorer.Ask("q", "a2", "e")));
        assertEquals(1.0, scores.get(0).value());
        assertTrue(Double.isNaN(scores.get(1).value()));
        assertEquals("unscored: the judge did not answer: HTTP 503 after 4 retries", scores.get(1).reason());
    }
}
