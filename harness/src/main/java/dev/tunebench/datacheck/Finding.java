package dev.tunebench.datacheck;

/**
 * One format problem: the 1-based line of the file, the field path inside the line ({@code messages[2].weight},
 * empty for the line as a whole) and what is wrong with how to fix it.
 */
public record Finding(int line, String field, String message) {
}
