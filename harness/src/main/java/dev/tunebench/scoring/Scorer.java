package dev.tunebench.scoring;

/**
 * Judges one answer against one expected answer. Pure: no I/O, no state; safe to share across threads.
 * The answer is what the model produced including any assistant prefix it was primed with.
 */
public interface Scorer {

    /** The name the suite gave this scorer (unique within a suite). */
    String name();

    /**
     * Scores one answer. A bad answer is a score of 0 with a reason; an expected answer this scorer cannot
     * use (not JSON for {@code json_match}, no label in it for {@code label}) is a data error and throws
     * {@link dev.tunebench.spi.InputException} naming the scorer, for the engine to report with the row.
     */
    Score score(String answer, String expected);

    /**
     * Scores one attempt; text scorers judge {@link Attempt#answer()} against {@link Attempt#expected()},
     * tool-calling scorers also see the calls and the tools offered.
     */
    default Score score(Attempt attempt) {
        return score(attempt.answer(), attempt.expected());
    }
}
