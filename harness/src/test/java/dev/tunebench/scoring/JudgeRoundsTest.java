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
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    private static class Scripted extends ServedRunnerStub {
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

    /** A served judge that takes a schema (structured output) or, with {@code refuses}, rejects any request with one as a 400 would. */
    private static final class Structured extends Scripted {
        final boolean refuses;
        int refused;

        Structured(boolean refuses, BiFunction<Prompt, GenerationSettings, Generation> reply) {
            super(reply);
            this.refuses = refuses;
        }

        @Override
        public boolean structuredOutput() {
            return true;
        }

        @Override
        public List<Generation> generate(List<Prompt> batch, GenerationSettings s) {
            if (refuses && batch.stream().anyMatch(p -> p.jsonSchema() != null)) {
                refused++;
                throw new IllegalStateException("127.0.0.1 rejected the request (400): response_format is not supported");
            }
            return super.generate(batch, s);
        }
    }

    private static final Map<String, Double> PICK = new LinkedHashMap<>();

    static {
        PICK.put("A", 1.0);
        PICK.put("B", 0.0);
        PICK.put("tie", 0.5);
    }

    private static JudgeScorer pairwise(Scripted runner) {
        JudgeModel model = new JudgeModel("judge", "stub", null, RunnerSettings.cpu(), GenerationSettings.greedy(8));
        return new JudgeScorer("pick", Rubric.parse("Q: {{question}}\nA: {{answer_a}}\nB: {{answer_b}}", WHERE, true),
                new GradeParser.Choices(PICK, GradeParser.Choices.wordsOf(PICK)), model, null, JudgeScorer.Sampling.ONCE,
                JudgeScorer.Structured.OFF, new JudgeScorer.Reference.Expected(), m -> runner);
    }

    /** The answer shown as A in a pairwise prompt. */
    private static String shownAsA(Prompt p) {
        String text = p.messages().get(0).content();
        return text.substring(text.indexOf("A: ") + 3, text.indexOf("\nB: "));
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
        Scripted runner = new Structured(false, (p, s) -> text("{\"reasoning\": \"A would be wrong: the date is missing\", \"grade\": \"B\"}"));
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

    @Test
    void aPairwiseJudgeAsksBothOrdersSoAJudgeThatAlwaysPicksTheFirstAnswerGivesATie() {
        Scripted runner = new Scripted((p, s) -> text("A"));
        JudgeScorer.Graded g = pairwise(runner).gradeWithAgreement(List.of(new JudgeScorer.Ask("q", "mine", "ref", "ref"))).get(0);
        assertEquals(List.of("mine", "ref"), runner.prompts.stream().map(JudgeRoundsTest::shownAsA).toList());
        assertEquals("Q: q\nA: ref\nB: mine", runner.prompts.get(1).messages().get(0).content());
        assertEquals(0.5, g.score().value(), 1e-12);
        assertEquals("tie", g.score().extracted());
        assertEquals("[answer as A] A\n[answer as B] A", g.score().reason());
        assertEquals(Boolean.FALSE, g.calls().swapConsistent());
        assertEquals(2, g.calls().requests());
        assertEquals(2, g.calls().promptTokens());
    }

    @Test
    void aPairwiseJudgeThatPrefersTheSameAnswerInBothOrdersGivesAConsistentVerdict() {
        Scripted runner = new Scripted((p, s) -> text(shownAsA(p).equals("good") ? "A" : "B"));
        JudgeScorer judge = pairwise(runner);
        List<JudgeScorer.Graded> g = judge.gradeWithAgreement(List.of(new JudgeScorer.Ask("q", "good", "x", "poor"),
                new JudgeScorer.Ask("q", "poor", "x", "good")));
        assertEquals(1.0, g.get(0).score().value());
        assertEquals("win", g.get(0).score().extracted());
        assertEquals(0.0, g.get(1).score().value());
        assertEquals("loss", g.get(1).score().extracted());
        assertTrue(g.get(0).calls().swapConsistent() && g.get(1).calls().swapConsistent());
        assertEquals(4, runner.prompts.size(), "both asks, both orders, in one call");
        assertEquals("expected", judge.provenance().get("pairwise_against"));
    }

    @Test
    void aPairwiseVerdictNeedsAGradeInBothOrdersAndAReferenceAnswer() {
        // The answer-second order never gives a grade, not even when asked again.
        Scripted runner = new Scripted((p, s) -> text(p.messages().size() == 1 && shownAsA(p).equals("mine") ? "A" : "hmm"));
        List<JudgeScorer.Graded> g = pairwise(runner).gradeWithAgreement(List.of(new JudgeScorer.Ask("q", "mine", "x", "ref"),
                new JudgeScorer.Ask("q", "mine", "x", null)));
        assertTrue(Double.isNaN(g.get(0).score().value()));
        assertTrue(g.get(0).score().reason().startsWith("unscored: a pairwise verdict needs a grade in both orders; the judge's"
                + " reply has no grade"), g.get(0).score().reason());
        assertEquals(3, g.get(0).calls().requests(), "two orders and one repair");
        assertNull(g.get(0).calls().swapConsistent());
        assertTrue(g.get(1).score().reason().startsWith("unscored: there is no reference answer to compare with"));
        assertNull(g.get(1).calls());
        assertEquals(3, runner.prompts.size(), "nothing is sent for the ask without a reference");
    }

    @Test
    void autoStructuredOutputGoesWhereTheRunnerTakesASchemaAndNowhereElse() {
        Structured served = new Structured(false, (p, s) -> text("{\"reasoning\": \"fine\", \"grade\": \"A\"}"));
        JudgeModel model = new JudgeModel("judge", "stub", null, RunnerSettings.cpu(), GenerationSettings.greedy(8));
        JudgeScorer auto = new JudgeScorer("j", Rubric.parse("{{answer}}", WHERE), choices(), model, null, JudgeScorer.Sampling.ONCE,
                JudgeScorer.Structured.AUTO, null, m -> served);
        assertEquals(1.0, auto.gradeWithAgreement(List.of(new JudgeScorer.Ask("q", "ans", "e"))).get(0).score().value());
        assertNotNull(served.prompts.get(0).jsonSchema());

        Scripted plain = new Scripted((p, s) -> text("A"));
        JudgeScorer local = new JudgeScorer("j", Rubric.parse("{{answer}}", WHERE), choices(), model, null, JudgeScorer.Sampling.ONCE,
                JudgeScorer.Structured.AUTO, null, m -> plain);
        local.gradeWithAgreement(List.of(new JudgeScorer.Ask("q", "ans", "e")));
        assertNull(plain.prompts.get(0).jsonSchema(), "a runner that would ignore a schema is not sent one");
    }

    @Test
    void anEndpointThatRefusesStructuredOutputIsAskedInFreeTextFromThenOn() {
        Structured served = new Structured(true, (p, s) -> p.messages().size() == 1 ? text("Looks right.") : text("A"));
        JudgeModel model = new JudgeModel("judge", "stub", null, RunnerSettings.cpu(), GenerationSettings.greedy(8));
        JudgeScorer judge = new JudgeScorer("j", Rubric.parse("{{answer}}", WHERE), choices(), model, null, JudgeScorer.Sampling.ONCE,
                JudgeScorer.Structured.AUTO, null, m -> served);
        assertEquals(1.0, judge.gradeWithAgreement(List.of(new JudgeScorer.Ask("q", "ans", "e"))).get(0).score().value());
        assertEquals(1.0, judge.gradeWithAgreement(List.of(new JudgeScorer.Ask("q", "ans", "e"))).get(0).score().value());
        assertEquals(1, served.refused, "refused once, then never sent a schema again");
        assertTrue(served.prompts.stream().allMatch(p -> p.jsonSchema() == null));
        assertEquals(JudgeScorer.repairRequest("one of A, B", false), served.prompts.get(1).messages().get(2).content(),
                "free text: the repair step asks for the grade alone");
        assertTrue(judge.provenance().get("structured_off").contains("response_format is not supported"),
                judge.provenance().toString());

        Structured strict = new Structured(true, (p, s) -> text("A"));
        JudgeScorer on = new JudgeScorer("j", Rubric.parse("{{answer}}", WHERE), choices(), model, null, JudgeScorer.Sampling.ONCE,
                JudgeScorer.Structured.ON, null, m -> strict);
        assertThrows(IllegalStateException.class, () -> on.gradeAll(List.of(new JudgeScorer.Ask("q", "ans", "e"))),
                "structured: true is a promise: a refusal stops the judge rather than grading otherwise");
    }

    @Test
    void aPairwiseJudgeIsDeclaredWithAgainstAndARubricWithBothAnswers() {
        assertEquals(WHERE + ": rubric: a pairwise judge (against:) compares two answers; put {{answer_a}} and {{answer_b}} in the"
                + " rubric, not {{answer}}. Each pair is asked in both orders, so either may be the model's.",
                Specs.rejected("judge", "rubric", "{{answer}} vs {{answer_b}}", "runner", Map.of("type", "openai", "model", "m"),
                        "grade", Map.of("choices", PICK), "against", "expected"));
        assertEquals(WHERE + ": rubric: {{answer_a}} and {{answer_b}} are for a pairwise judge; add against: expected (or a model"
                + " id) to compare two answers, or use {{answer}}.", Specs.rejected("judge", "rubric", "{{answer_a}} {{answer_b}}",
                "runner", Map.of("type", "openai", "model", "m"), "grade", Map.of("choices", PICK)));
        assertTrue(Specs.rejected("judge", "rubric", "{{answer_a}} {{answer_b}}", "runner", Map.of("type", "openai", "model", "m"),
                "grade", Map.of("min", 1, "max", 5), "against", "expected").contains("grade: a pairwise judge (against:) picks an answer"));
        assertTrue(Specs.rejected("judge", "rubric", "{{answer_a}} {{answer_b}}", "runner", Map.of("type", "openai", "model", "m"),
                "grade", Map.of("choices", PICK), "against", "gpt-9").contains("against: no model 'gpt-9' in this suite"));
        assertTrue(Specs.rejected("judge", "rubric", "{{answer}}", "runner", Map.of("type", "openai", "model", "m"),
                "grade", Map.of("choices", PICK), "structured", "sometimes").contains("structured: expected auto"));
        JudgeScorer s = (JudgeScorer) Specs.scorer("judge", "rubric", "{{answer_a}} {{answer_b}}", "runner",
                Map.of("type", "openai", "model", "m"), "grade", Map.of("choices", PICK), "against", "expected", "samples", 2,
                "temperature", 0.7);
        assertEquals(4, s.requestsPerAnswer());
        assertEquals("auto", s.provenance().get("structured"));
    }

    @Test
    void aJudgeTakesRepliesItAlreadyGaveFromTheCompletionCache() {
        Map<String, Generation> stored = new java.util.HashMap<>();
        dev.tunebench.store.CompletionCache cache = new dev.tunebench.store.CompletionCache() {
            @Override
            public java.util.Optional<Generation> find(String key) {
                return java.util.Optional.ofNullable(stored.get(key));
            }

            @Override
            public void put(String key, String runner, Generation generation) {
                stored.put(key, generation);
            }
        };
        Scripted runner = new Scripted((p, s) -> text(shownAsA(p).equals("good") ? "A" : "B")) {
            @Override
            public java.util.Optional<String> cacheIdentity() {
                return java.util.Optional.of("scripted judge");
            }

            @Override
            public String render(Prompt prompt) {
                return prompt.messages().toString();
            }
        };
        JudgeScorer judge = pairwise(runner);
        judge.cacheIn(cache);
        JudgeScorer.Graded first = judge.gradeWithAgreement(List.of(new JudgeScorer.Ask("q", "good", "x", "poor"))).get(0);
        JudgeScorer.Graded again = judge.gradeWithAgreement(List.of(new JudgeScorer.Ask("q", "good", "x", "poor"),
                new JudgeScorer.Ask("q", "fine", "x", "poor"))).get(0);
        assertEquals(4, runner.prompts.size(), "two orders, then only the new ask's two");
        assertEquals(first.score(), again.score());
        assertEquals(2, first.calls().requests());
        assertNull(first.calls().cached());
        assertEquals(0, again.calls().requests());
        assertEquals(2, again.calls().cached());
        assertEquals(0, again.calls().promptTokens(), "a cached reply costs nothing this time");
    }

    @Test
    void aJudgeThatNeverSeesTheReferenceAnswerIsCalledOut() {
        JudgeModel model = new JudgeModel("judge", "stub", null, RunnerSettings.cpu(), GenerationSettings.greedy(8));
        Scripted runner = new Scripted((p, s) -> text("A"));
        JudgeScorer blind = new JudgeScorer("helpful", Rubric.parse("Grade: {{answer}}", WHERE), choices(), model, null, m -> runner);
        assertEquals("judge scorer 'helpful' has no {{expected}} in its rubric, so it grades without the data's reference"
                + " answers. Add one (e.g. \"Reference: {{expected}}\") to grade against them; leave it out only for a"
                + " reference-free rubric on purpose.", blind.referenceWarning().orElseThrow());
        assertEquals("none", blind.provenance().get("reference"));
        JudgeScorer seeing = new JudgeScorer("helpful", Rubric.parse("{{answer}} vs {{expected}}", WHERE), choices(), model, null,
                m -> runner);
        assertTrue(seeing.referenceWarning().isEmpty());
        assertEquals("expected", seeing.provenance().get("reference"));
        assertTrue(pairwise(runner).referenceWarning().isEmpty(), "a pairwise judge compares with its reference answer");
    }

    @Test
    void aJudgeThatMustAnswerInJsonNeedsARunnerThatHoldsItToTheSchema() {
        Scripted local = new Scripted((p, s) -> text("A"));
        JudgeScorer judge = judge(choices(), JudgeScorer.Sampling.ONCE, true, local);
        String message = assertThrows(dev.tunebench.spi.InputException.class,
                () -> judge.gradeAll(List.of(new JudgeScorer.Ask("q", "ans", "e")))).getMessage();
        assertEquals("judge scorer 'j': structured: true, but its stub runner cannot hold a reply to a JSON schema (only a"
                + " served judge can: openai, azure). Use structured: auto (JSON where the runner supports it) or false.", message);
        assertTrue(local.prompts.isEmpty(), "nothing is sent");
    }
}
