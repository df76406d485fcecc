package dev.tunebench.scoring;

import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Role;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.ServedRunnerStub;
import dev.tunebench.spi.Timings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static dev.tunebench.scoring.Specs.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The judge's rounds: a reply without a grade asked again, a reply cut off, N sampled grades with seeds and
 * their agreement, structured replies. Replies a real model cannot give on demand come from a scripted runner
 * that sees every prompt and setting it is sent.
 */
class JudgeRoundsTest {
    private static final Map<String, Double> AB = new LinkedHashMap<>();

    static {
        AB.put("A", 1.0);
        AB.put("B", 0.0);
    }

    /** Answers each prompt with {@code reply(prompt, settings)}; records what it was sent. */
    private static final class Scripted extends ServedRunnerStub {
        final List<Prompt> prompts = new ArrayList<>();
        final List<GenerationSettings> settings = new ArrayList<>();
        final BiFunction<Prompt, GenerationSettings, Generation> reply;

        Scripted(BiFunction<Prompt, GenerationSettings, Generation> reply) {
            this.reply = reply;
        }

        @Override
        public List<Generation> generate(List<Prompt> batch, GenerationSettings s) {
            List<Generation> out = new ArrayList<>();
            for (Prompt p : batch) {
                prompts.add(p);
                settings.add(s);
                out.add(reply.apply(p, s));
            }
            return out;
        }
    }

    private static Generation text(String t) {
        return new Generation("", t, new int[0], 1, 1, FinishReason.EOS, new Timings(0, new long[0], 0));
    }

    private static Generation cutOff(String t) {
        return new Generation("", t, new int[0], 1, 8, FinishReason.LENGTH, new Timings(0, new long[0], 0));
    }

    private static JudgeScorer judge(GradeParser grade, JudgeScorer.Sampling sampling, boolean structured, Scripted runner) {
        JudgeModel model = new JudgeModel("judge", "stub", null, RunnerSettings.cpu(), GenerationSettings.greedy(8));
        return new JudgeScorer("j", Rubric.parse("Grade: {{answer}}", WHERE), grade, model, null, sampling, structured, m -> runner);
    }

    private static GradeParser choices() {
        return new GradeParser.Choices(AB, GradeParser.Choices.wordsOf(AB));
    }

    @Test
    void aReplyWithoutAGradeIsAskedOnceMoreWithItsReplyAndTheRequest() {
        Scripted runner = new Scripted((p, s) -> p.messages().size() == 1 ? text("It looks fine to me.") : text("A"));
        JudgeScorer.Graded g = judge(choices(), JudgeScorer.Sampling.ONCE, false, runner)
                .gradeWithAgreement(List.of(new JudgeScorer.Ask("q", "ans", "e"))).get(0);
        assertEquals(1.0, g.score().value());
        assertEquals("It looks fine to me.\n[repair] A", g.score().reason());
        Prompt repair = runner.prompts.get(1);
        assertEquals(Role.ASSISTANT, repair.messages().get(1).role());
        assertEquals("It looks fine to me.", repair.messages().get(1).content());
        assertEquals(JudgeScorer.repairRequest("one of A, B", false), repair.messages().get(2).content());
    }

    @Test
    void aReplyCutOffBeforeItsGradeIsUnscoredAndSaysSo() {
        Scripted runner = new Scripted((p, s) -> cutOff("Let me weigh the answer carefully, first"));
        JudgeScorer.Graded g = judge(choices(), JudgeScorer.Sampling.ONCE, false, runner)
                .gradeWithAgreement(List.of(new JudgeScorer.Ask("q", "ans", "e"))).get(0);
        assertTrue(Double.isNaN(g.score().value()));
        assertTrue(g.score().reason().startsWith("unscored: the judge's reply was cut off at max_new_tokens 8"), g.score().reason());
        assertNull(g.agreement());
        assertEquals(2, runner.prompts.size(), "one repair, then no more");
    }

    @Test
    void sampledGradesUseSeedsAndTheMajorityWinsWithItsAgreement() {
        // Seeds 7, 8, 9 at temperature 0.7: the judge says A, B, A.
        Scripted runner = new Scripted((p, s) -> text(((Decoding.Sampling) s.decoding()).seed() == 8 ? "B" : "A"));
        JudgeScorer.Graded g = judge(choices(), new JudgeScorer.Sampling(3, 0.7, 7), false, runner)
                .gradeWithAgreement(List.of(new JudgeScorer.Ask("q", "ans", "e"))).get(0);
        assertEquals(1.0, g.score().value());
        assertEquals(2.0 / 3, g.agreement(), 1e-12);
        assertEquals(List.of(7L, 8L, 9L), runner.settings.stream().map(s -> ((Decoding.Sampling) s.decoding()).seed()).toList());
        assertTrue(runner.settings.stream().allMatch(s -> ((Decoding.Sampling) s.decoding()).temperature() == 0.7));
    }

    @Test
    void sampledScaleGradesAreAveraged() {
        Scripted runner = new Scripted((p, s) -> text("Score: " + (2 + ((Decoding.Sampling) s.decoding()).seed())));
        JudgeScorer.Graded g = judge(new GradeParser.Scale(1, 5, GradeParser.Scale.NUMBER), new JudgeScorer.Sampling(2, 1.0, 0),
                false, runner).gradeWithAgreement(List.of(new JudgeScorer.Ask("q", "ans", "e"))).get(0);
        // 2 and 3 on a 1..5 scale: 0.25 and 0.5.
        assertEquals(0.375, g.score().value(), 1e-12);
        assertEquals(0.5, g.agreement(), 1e-12);
    }

    @Test
    void aStructuredJudgeIsSentTheSchemaAndItsJsonGradeIsRead() throws Exception {
        Scripted runner = new Scripted((p, s) -> text("{\"reasoning\": \"A would be wrong: the date is missing\", \"grade\": \"B\"}"));
        JudgeScorer.Graded g = judge(choices(), JudgeScorer.Sampling.ONCE, true, runner)
                .gradeWithAgreement(List.of(new JudgeScorer.Ask("q", "ans", "e"))).get(0);
        assertEquals(0.0, g.score().value(), "the grade field, not the last word in the text");
        String schema = runner.prompts.get(0).jsonSchema();
        assertNotNull(schema);
        var node = Json.MAPPER.readTree(schema);
        assertEquals("[\"A\",\"B\"]", node.at("/properties/grade/enum").toString());
        assertEquals("[\"reasoning\",\"grade\"]", node.get("required").toString());
    }

    @Test
    void samplesAndTheirSettingsAreDeclaredTogether() {
        assertEquals(WHERE + ": temperature: only with samples: N > 1; one grade is greedy. Set samples: 3 (or more) to grade each"
                + " answer several times, or drop this key.", Specs.rejected("judge", "rubric", "{{answer}}", "runner",
                Map.of("type", "openai", "model", "m"), "grade", Map.of("min", 1, "max", 5), "temperature", 0.5));
        JudgeScorer s = (JudgeScorer) Specs.scorer("judge", "rubric", "{{answer}}", "runner", Map.of("type", "openai", "model", "m"),
                "grade", Map.of("min", 1, "max", 5), "samples", 5, "seed", 3, "structured", true);
        assertEquals(5, s.samples());
        assertEquals("5", s.provenance().get("samples"));
        assertEquals("3", s.provenance().get("seed"));
        assertEquals("true", s.provenance().get("structured"));
    }
}
