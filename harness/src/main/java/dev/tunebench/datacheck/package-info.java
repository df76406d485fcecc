/**
 * Checks of chat fine-tuning data before a fine-tune: the format rules a fine-tuning service enforces
 * (each finding with its line), figures per example, duplicates inside a file and overlap with other
 * files (exact and MinHash near duplicates), and the distribution of expected answers. Pure: no model,
 * no network; token counts come in through {@link dev.tunebench.datacheck.TokenCounter}.
 */
package dev.tunebench.datacheck;
