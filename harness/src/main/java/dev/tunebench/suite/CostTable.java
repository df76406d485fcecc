package dev.tunebench.suite;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Prices per 1K tokens in {@code currency}: a model's own price, else {@code defaultPrice} (nullable:
 * then models without a price have no cost).
 */
public record CostTable(String currency, Price defaultPrice, Map<String, Price> models) {

    public static final CostTable NONE = new CostTable(Defaults.CURRENCY, null, Map.of());

    public record Price(double promptPer1k, double completionPer1k) {
        public Price {
            if (!(promptPer1k >= 0) || !(completionPer1k >= 0)) {
                throw new IllegalArgumentException("prices must be >= 0");
            }
        }
    }

    public CostTable {
        Objects.requireNonNull(currency, "currency");
        models = Map.copyOf(models);
    }

    public Optional<Price> priceFor(String modelId) {
        return Optional.ofNullable(models.getOrDefault(modelId, defaultPrice));
    }

    /**
     * Cost of 1,000 requests with these mean token counts: 1000 × (prompt/1000 × prompt price +
     * completion/1000 × completion price). Empty when the model has no price.
     */
    public OptionalDouble costPer1kRequests(String modelId, double promptTokensMean, double completionTokensMean) {
        return priceFor(modelId)
                .map(p -> OptionalDouble.of(promptTokensMean * p.promptPer1k() + completionTokensMean * p.completionPer1k()))
                .orElse(OptionalDouble.empty());
    }
}
