package dev.tunebench.scoring;

/** Passes when the answer equals the expected answer character for character. */
record ExactScorer(String name) implements Scorer {

    @Override
    public Score score(String answer, String expected) {
        if (answer.equals(expected)) {
            return Score.pass(answer);
        }
        // Saying where they part shows the invisible cases: a trailing newline, a different quote.
        int i = 0;
        while (i < answer.length() && i < expected.length() && answer.charAt(i) == expected.charAt(i)) {
            i++;
        }
        return Score.fail(answer, "differs from expected at character " + i);
    }
}
