package dev.tunebench.scoring;

/** The whole text, trimmed: models and data files often end an answer with a newline. */
record WholeText() implements Extractor {
    @Override
    public Extraction extract(String text) {
        return Extraction.of(text.strip());
    }
}
