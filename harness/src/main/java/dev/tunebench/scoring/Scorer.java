package dev.tunebench.scoring;

/**
 * Judges one answer against one expected answer. Pure: no I/O, no state; safe to share across threads.
 * The answer is what the model produced including any assistant prefix it was primed with.
 */
public interface Scorer {

    /** The name the suite gave this scorer (unique within a suite). */
    String name();

    Score score(String answer, String expected);
}
