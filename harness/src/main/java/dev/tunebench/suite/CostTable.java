package dev.tunebench.suite;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Prices per 1K tokens in {@code currency}: a model's own price, else {@code defaultPrice} (nullable:
 * then models without a price have no cost). {@code economics} says how a fine-tune is weighed against a
 * longer prompt on the baseline.
 */
public record CostTable(String currency, Price defaultPrice, Map<String, Price> models, Economics economics) {

    public static final CostTable NONE = new CostTable(Defaults.CURRENCY, null, Map.of());

    /**
     * @param trainingPer1kTokens one-off price per 1,000 trained tokens, null when not given
     * @param hostingPerHour      price of keeping the model deployed for an hour, null when not given
     */
    public record Price(double promptPer1k, double completionPer1k, Double trainingPer1kTokens, Double hostingPerHour) {
        public Price {
            if (!(promptPer1k >= 0) || !(completionPer1k >= 0) || (trainingPer1kTokens != null && !(trainingPer1kTokens >= 0))
                    || (hostingPerHour != null && !(hostingPerHour >= 0))) {
                throw new IllegalArgumentException("prices must be >= 0");
            }
        }

        public Price(double promptPer1k, double completionPer1k) {
            this(promptPer1k, completionPer1k, null, null);
        }
    }

    /**
     * The training cost is spread over {@code horizonDays}; a cell "meets the bar" when its {@code metric}
     * is {@code op} ({@code >=} or {@code <=}) {@code threshold}; {@code metric} is null when the suite sets no bar.
     */
    public record Economics(int horizonDays, String metric, String op, double threshold) {
        public static final Economics DEFAULT = new Economics(Defaults.HORIZON_DAYS, null, null, 0);

        public boolean meets(double value) {
            return metric == null || (op.equals(">=") ? value >= threshold : value <= threshold);
        }
    }

    public CostTable {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(economics, "economics");
        models = Map.copyOf(models);
    }

    public CostTable(String currency, Price defaultPrice, Map<String, Price> models) {
        this(currency, defaultPrice, models, Economics.DEFAULT);
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
