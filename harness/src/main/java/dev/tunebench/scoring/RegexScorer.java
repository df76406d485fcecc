package dev.tunebench.scoring;

import dev.tunebench.spi.InputException;

/**
 * Extracts a regex group from the answer and compares it, trimmed, with the expected answer, or with the
 * same group extracted from the expected answer when {@code extract_expected} is true.
 */
record RegexScorer(String name, String where, RegexGroup extractor, boolean extractExpected) implements Scorer {

    static RegexScorer from(Params params) {
        return new RegexScorer(params.name(), params.where(), RegexGroup.from(params),
                params.bool("extract_expected", false));
    }

    @Override
    public Score score(String answer, String expected) {
        Extractor.Extraction got = extractor.extract(answer);
        if (!got.ok()) {
            return Score.fail(null, got.failure());
        }
        String want = expected.strip();
        if (extractExpected) {
            Extractor.Extraction fromExpected = extractor.extract(expected);
            if (!fromExpected.ok()) {
                throw new InputException(where + ": expected answer '" + expected + "': " + fromExpected.failure()
                        + "; fix the data or set extract_expected: false");
            }
            want = fromExpected.value().strip();
        }
        String value = got.value().strip();
        return value.equals(want) ? Score.pass(value) : Score.fail(value, "extracted '" + value + "', expected '" + want + "'");
    }
}
