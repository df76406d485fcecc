package dev.tunebench.scoring;

import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.ServedRunnerStub;
import dev.tunebench.spi.Timings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tunebench.scoring.Specs.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A judge graded against answers a person labelled: parsing the labels, the agreement and Cohen's kappa. */
class JudgeCalibrationTest {
    private static final Map<String, Double> CI = new LinkedHashMap<>();

    static {
        CI.put("C", 1.0);
        CI.put("I", 0.0);
    }

    @Test
    void kappaMatchesTheTextbookExample() {
        // Wikipedia, "Cohen's kappa", first example: 50 proposals, both yes 20, A yes B no 5, A no B yes 10, both no 15:
        // p_o = 0.7, p_e = 0.5, kappa = 0.4.
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        add(a, b, "yes", "yes", 20);
        add(a, b, "yes", "no", 5);
        add(a, b, "no", "yes", 10);
        add(a, b, "no", "no", 15);
        JudgeCalibration c = JudgeCalibration.of(a, b);
        assertEquals(50, c.graded());
        assertEquals(0.7, c.agreement(), 1e-12);
        assertEquals(0.4, c.kappa(), 1e-12);
        assertTrue(Double.isNaN(JudgeCalibration.of(List.of("x", "x"), List.of("x", "x")).kappa()),
                "both raters constant: kappa is undefined, not 1");
    }

    private static void add(List<String> a, List<String> b, String x, String y, int times) {
        a.addAll(Collections.nCopies(times, x));
        b.addAll(Collections.nCopies(times, y));
    }

    @Test
    void aJudgeThatAlwaysSaysCorrectAgreesOnlyByChance(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("labels.jsonl"), """
                {"question": "2+2?", "answer": "4", "expected": "4", "grade": "C"}
                {"answer": "5", "expected": "4", "grade": "I"}

                {"answer": "four", "grade": "C"}
                {"answer": "22", "grade": "I"}
                """);
        List<Prompt> asked = new ArrayList<>();
        ServedRunnerStub alwaysC = new ServedRunnerStub() {
            @Override
            public List<Generation> generate(List<Prompt> prompts, GenerationSettings settings) {
                asked.addAll(prompts);
                return prompts.stream().map(p -> new Generation("", "C", new int[0], 1, 1, FinishReason.EOS,
                        new Timings(0, new long[0], 0))).toList();
            }
        };
        GradeParser grade = new GradeParser.Choices(CI, GradeParser.Choices.wordsOf(CI));
        List<JudgeLabels.Labelled> labels = JudgeLabels.read(dir.resolve("labels.jsonl"), grade, false, WHERE + ": labels");
        assertEquals("labels.jsonl:4", labels.get(2).where(), "blank lines count");
        JudgeModel model = new JudgeModel("judge", "stub", null, RunnerSettings.cpu(), GenerationSettings.greedy(8));
        JudgeScorer judge = new JudgeScorer("correct", Rubric.parse("Q: {{question}} A: {{answer}} R: {{expected}}", WHERE), grade,
                model, null, JudgeScorer.Sampling.ONCE, JudgeScorer.Structured.OFF, null, labels, m -> alwaysC);
        JudgeCalibration c = judge.calibrate().orElseThrow();
        assertEquals("Q: 2+2? A: 4 R: 4", asked.get(0).messages().get(0).content());
        assertEquals(4, c.labelled());
        assertEquals(4, c.graded());
        assertEquals(2, c.agreed());
        assertEquals(0.0, c.kappa(), 1e-12, "a constant judge agrees no more than chance");
        assertEquals("0.5", judge.provenance().get("labels_agreement"));
    }

    @Test
    void labelFilesAreCheckedLineByLine(@TempDir Path dir) throws Exception {
        GradeParser grade = new GradeParser.Choices(CI, GradeParser.Choices.wordsOf(CI));
        assertEquals("labels.jsonl:2: grade: 'maybe' is not a grade this judge gives; expected one of C, I.",
                rejected(dir, "{\"answer\": \"4\", \"grade\": \"C\"}\n{\"answer\": \"5\", \"grade\": \"maybe\"}\n", grade, false));
        assertEquals("labels.jsonl:1: answer: missing; the judge grades it.",
                rejected(dir, "{\"grade\": \"C\"}\n", grade, false));
        assertTrue(rejected(dir, "{\"answer\": \"4\", \"grade\": \"C\"\n", grade, false).startsWith("labels.jsonl:1: not a JSON object"));
        assertEquals("labels.jsonl:1: answer_b: missing; the judge grades it.",
                rejected(dir, "{\"answer_a\": \"x\", \"grade\": \"C\"}\n", grade, true));
        assertTrue(Specs.rejected("judge", "rubric", "{{answer}}", "runner", Map.of("type", "openai", "model", "m"),
                "grade", Map.of("choices", CI), "labels", dir.resolve("none.jsonl").toString())
                .contains("labels: cannot read"));
    }

    private static String rejected(Path dir, String text, GradeParser grade, boolean pairwise) throws Exception {
        Files.writeString(dir.resolve("labels.jsonl"), text);
        return assertThrows(InputException.class, () -> JudgeLabels.read(dir.resolve("labels.jsonl"), grade, pairwise, "labels"))
                .getMessage();
    }
}
