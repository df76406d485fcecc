package dev.tunebench.scoring;

import java.util.Locale;

/**
 * {@code rouge}: the ROUGE F-measure of the answer against the expected text ({@link Rouge}); {@code variant}
 * rouge1, rouge2, rougeL (the default) or rougeLsum, {@code stemming} Porter stemming (default off). The
 * value is the F-measure; the extracted text gives precision and recall.
 */
record RougeScorer(String name, String variant, boolean stemming) implements Scorer {

    static RougeScorer from(Params params) {
        String variant = params.string("variant").orElse("rougeL");
        if (!Rouge.isVariant(variant)) {
            throw params.error("variant", "unknown ROUGE variant '" + variant
                    + "'; expected rouge1, rouge2 (any rouge1..rouge9), rougeL or rougeLsum");
        }
        return new RougeScorer(params.name(), variant, params.bool("stemming", false));
    }

    @Override
    public Score score(String answer, String expected) {
        Rouge.Result r = Rouge.score(variant, expected, answer, stemming);
        return new Score(r.fmeasure(), String.format(Locale.ROOT, "%s P=%.4f R=%.4f F=%.4f", variant,
                r.precision(), r.recall(), r.fmeasure()), "", null, null);
    }
}
