package dev.tunebench.scoring;

/**
 * One scorer's verdict on one sample: a value in [0, 1] (1 = pass), the part of the answer it judged
 * (e.g. the extracted label) and a short reason a reviewer can read. For label scorers,
 * {@code predictedLabel}/{@code expectedLabel} feed the confusion matrix (null when not a label scorer;
 * {@code predictedLabel} null when the answer could not be parsed).
 */
public record Score(double value, String extracted, String reason, String expectedLabel, String predictedLabel) {

    public static Score pass(String extracted) {
        return new Score(1.0, extracted, "", null, null);
    }

    public static Score fail(String extracted, String reason) {
        return new Score(0.0, extracted, reason, null, null);
    }

    public boolean passed() {
        return value >= 1.0;
    }
}
