package dev.tunebench.checkpoint;

/**
 * summary.json {@code overfitting}: whether validation loss rose for {@code patience} consecutive
 * checkpoints while training loss still fell, the first checkpoint of that rise ({@code fromModel},
 * null when not detected) and a reason a person can read either way.
 */
public record Overfitting(boolean detected, String fromModel, int patience, String reason) {
}
