package dev.tunebench.checkpoint;

/** summary.json {@code best_checkpoint}: the winning model, the criterion name and its value there. */
public record BestCheckpoint(String model, String criterion, double value) {
}
