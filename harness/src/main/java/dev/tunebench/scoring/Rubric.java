package dev.tunebench.scoring;

import dev.tunebench.spi.InputException;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge's prompt with {@code {{question}}}, {@code {{answer}}} and {@code {{expected}}} filled in. A plain
 * substitution, not a template language: the texts filled in are untrusted and are never interpreted.
 */
record Rubric(String text) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}");
    private static final Set<String> NAMES = Set.of("question", "answer", "expected");

    static Rubric parse(String text, String where) {
        Matcher m = PLACEHOLDER.matcher(text);
        boolean answer = false;
        while (m.find()) {
            if (!NAMES.contains(m.group(1))) {
                throw new InputException(where + ": rubric: unknown placeholder {{" + m.group(1) + "}}; use {{question}}, "
                        + "{{answer}} and {{expected}}.");
            }
            answer |= m.group(1).equals("answer");
        }
        if (!answer) {
            throw new InputException(where + ": rubric: has no {{answer}}; the judge must see the answer it grades.");
        }
        return new Rubric(text);
    }

    boolean usesExpected() {
        return PLACEHOLDER.matcher(text).results().anyMatch(r -> r.group(1).equals("expected"));
    }

    /** One pass over the rubric, so a filled-in text that itself contains {{answer}} stays as it is. */
    String fill(String question, String answer, String expected) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "question" -> question;
                case "answer" -> answer;
                default -> expected;
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
