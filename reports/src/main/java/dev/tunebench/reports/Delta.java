package dev.tunebench.reports;

/**
 * A difference shown next to a figure: against what, how much, its interval, the verdict ({@code better},
 * {@code worse}, {@code no significant difference}, or {@code untested} when no test ran) and the test's
 * Holm-adjusted p as text ({@link PValueText}; empty when no test ran).
 */
public record Delta(String against, String difference, String interval, String verdict, String p) {

    public Delta(String against, String difference, String interval, String verdict) {
        this(against, difference, interval, verdict, "");
    }

    public static final String UNTESTED = "untested";

    /** A short CSS-safe class for the verdict. */
    public String css() {
        return switch (verdict) {
            case "better" -> "better";
            case "worse" -> "worse";
            case "no significant difference" -> "nsd";
            default -> "untested";
        };
    }
}
