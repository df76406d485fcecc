package dev.tunebench.scoring;

import dev.tunebench.spi.InputException;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge's prompt with {@code {{question}}}, {@code {{answer}}} and {@code {{expected}}} filled in, or for a
 * pairwise judge {@code {{answer_a}}} and {@code {{answer_b}}} in place of {@code {{answer}}}. A plain
 * substitution, not a template language: the texts filled in are untrusted and are never interpreted.
 */
record Rubric(String text, boolean pairwise) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}");
    private static final Set<String> NAMES = Set.of("question", "answer", "expected", "answer_a", "answer_b");

    static Rubric parse(String text, String where) {
        return parse(text, where, false);
    }

    static Rubric parse(String text, String where, boolean pairwise) {
        Matcher m = PLACEHOLDER.matcher(text);
        boolean answer = false;
        boolean a = false;
        boolean b = false;
        while (m.find()) {
            if (!NAMES.contains(m.group(1))) {
                throw new InputException(where + ": rubric: unknown placeholder {{" + m.group(1) + "}}; use {{question}}, "
                        + (pairwise ? "{{answer_a}}, {{answer_b}}" : "{{answer}}") + " and {{expected}}.");
            }
            answer |= m.group(1).equals("answer");
            a |= m.group(1).equals("answer_a");
            b |= m.group(1).equals("answer_b");
        }
        if (pairwise && (answer || !a || !b)) {
            throw new InputException(where + ": rubric: a pairwise judge (against:) compares two answers; put {{answer_a}}"
                    + " and {{answer_b}} in the rubric" + (answer ? ", not {{answer}}" : "") + ". Each pair is asked in both"
                    + " orders, so either may be the model's.");
        }
        if (!pairwise && (a || b)) {
            throw new InputException(where + ": rubric: {{answer_a}} and {{answer_b}} are for a pairwise judge; add "
                    + "against: expected (or a model id) to compare two answers, or use {{answer}}.");
        }
        if (!pairwise && !answer) {
            throw new InputException(where + ": rubric: has no {{answer}}; the judge must see the answer it grades.");
        }
        return new Rubric(text, pairwise);
    }

    boolean usesExpected() {
        return PLACEHOLDER.matcher(text).results().anyMatch(r -> r.group(1).equals("expected"));
    }

    String fill(String question, String answer, String expected) {
        return fill(question, answer, null, null, expected);
    }

    /** A pairwise rubric with answer A and answer B. */
    String fillPair(String question, String answerA, String answerB, String expected) {
        return fill(question, null, answerA, answerB, expected);
    }

    /** One pass over the rubric, so a filled-in text that itself contains {{answer}} stays as it is. */
    private String fill(String question, String answer, String answerA, String answerB, String expected) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "question" -> question;
                case "answer" -> answer;
                case "answer_a" -> answerA;
                case "answer_b" -> answerB;
                default -> expected;
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
