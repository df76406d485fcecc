package dev.tunebench.suite;

import java.util.Map;
import java.util.Optional;

/**
 * The suite's {@code budget:}: the most a run may spend, in the cost table's currency, over all models
 * ({@code run}, null for no limit) and per model ({@code models}). Spend is counted from each answer's
 * token usage at the suite's prices.
 */
public record SpendBudget(Double run, Map<String, Double> models) {
    public static final SpendBudget NONE = new SpendBudget(null, Map.of());

    public SpendBudget {
        models = Map.copyOf(models);
    }

    public boolean any() {
        return run != null || !models.isEmpty();
    }

    public Optional<Double> forModel(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /** This budget with the run's limit replaced ({@code run --budget}, e.g. to finish a stopped run with more). */
    public SpendBudget withRun(double amount) {
        return new SpendBudget(amount, models);
    }
}
