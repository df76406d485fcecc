package dev.tunebench.scoring;

/**
 * Where a scorer finds the part of a text it judges: the whole trimmed text, a regex group, or a JSON
 * field. Built once per scorer, then shared across threads.
 */
sealed interface Extractor permits WholeText, RegexGroup, JsonField {

    Extraction extract(String text);

    /** The extracted value, or null with the reason nothing could be extracted. */
    record Extraction(String value, String failure) {
        static Extraction of(String value) {
            return new Extraction(value, null);
        }

        static Extraction failed(String failure) {
            return new Extraction(null, failure);
        }

        boolean ok() {
            return value != null;
        }
    }
}
