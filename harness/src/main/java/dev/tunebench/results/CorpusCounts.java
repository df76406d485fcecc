package dev.tunebench.results;

/**
 * One row's sufficient statistics for a corpus-level scorer (BLEU, chrF): the metric id with its
 * settings (e.g. {@code chrf:beta=2}) and the counts, summed over rows for the corpus figure.
 */
public record CorpusCounts(String metric, long[] counts) {
}
