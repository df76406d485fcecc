package dev.tunebench.scoring;

import dev.tunebench.spi.InputException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Classification: extracts a label from the answer and from the expected answer in the same way (a JSON
 * {@code field}, a regex {@code pattern} group, or the whole trimmed text) and passes when they are equal.
 * With {@code labels}, a predicted label outside the set counts as unparsed. Every score carries both
 * labels for {@link LabelMetrics}; the predicted one is null when it could not be extracted.
 */
record LabelScorer(String name, String where, Extractor extractor, Set<String> labels, boolean ignoreCase)
        implements Scorer {

    static LabelScorer from(Params params) {
        params.atMostOneOf(Set.of("field", "pattern"));
        if (params.has("group") && !params.has("pattern")) {
            throw params.error("group", "only applies with pattern; add a pattern or remove group");
        }
        Extractor extractor = params.has("field")
                ? JsonField.of(params, "field", params.string("field").orElseThrow())
                : params.has("pattern") ? RegexGroup.from(params) : new WholeText();
        boolean ignoreCase = params.bool("ignore_case", false);
        List<String> labels = params.strings("labels").orElse(List.of());
        return new LabelScorer(params.name(), params.where(), extractor,
                labels.stream().map(l -> ignoreCase ? NormalizedScorer.fold(l) : l).collect(Collectors.toUnmodifiableSet()),
                ignoreCase);
    }

    @Override
    public Score score(String answer, String expected) {
        Extractor.Extraction want = extractor.extract(expected);
        if (!want.ok()) {
            throw new InputException(where + ": cannot read the expected label from '" + expected + "': "
                    + want.failure());
        }
        String expectedLabel = canonical(want.value());
        if (!labels.isEmpty() && !labels.contains(expectedLabel)) {
            throw new InputException(where + ": expected label '" + expectedLabel
                    + "' is not among labels " + new java.util.TreeSet<>(labels) + "; add it to labels or fix the data");
        }
        Extractor.Extraction got = extractor.extract(answer);
        if (!got.ok()) {
            return new Score(0.0, null, got.failure(), expectedLabel, null);
        }
        String predicted = canonical(got.value());
        if (!labels.isEmpty() && !labels.contains(predicted)) {
            return new Score(0.0, predicted, "label '" + predicted + "' is not one of the labels", expectedLabel, null);
        }
        return predicted.equals(expectedLabel)
                ? new Score(1.0, predicted, "", expectedLabel, predicted)
                : new Score(0.0, predicted, "predicted '" + predicted + "', expected '" + expectedLabel + "'",
                        expectedLabel, predicted);
    }

    private String canonical(String label) {
        String trimmed = label.strip();
        return ignoreCase ? NormalizedScorer.fold(trimmed) : trimmed;
    }
}
