package dev.tunebench.suite;

import dev.tunebench.data.Suggestions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses the sections that refer to already parsed names: {@code cost:} (model ids) and {@code checkpoints:}. */
final class PolicySection {
    private PolicySection() {
    }

    static CostTable cost(YamlNode cost, List<String> modelIds) {
        if (!cost.present()) {
            return CostTable.NONE;
        }
        cost.object("currency", "default", "models", "horizon_days", "quality_bar");
        YamlNode currency = cost.get("currency");
        if (currency.present() && !currency.text().matches("[A-Z]{3}")) {
            throw currency.error("expected a three-letter ISO 4217 code such as USD or EUR, got '" + currency.text() + "'.");
        }
        Map<String, CostTable.Price> perModel = new HashMap<>();
        YamlNode models = cost.get("models");
        if (models.present()) {
            models.object(modelIds.toArray(String[]::new));
            for (String id : models.keys()) {
                perModel.put(id, price(models.get(id)));
            }
        }
        YamlNode dflt = cost.get("default");
        return new CostTable(currency.textOr(Defaults.CURRENCY), dflt.present() ? price(dflt) : null, perModel,
                economics(cost.get("horizon_days"), cost.get("quality_bar")));
    }

    private static CostTable.Economics economics(YamlNode horizon, YamlNode bar) {
        int days = horizon.present() ? horizon.integer(1) : Defaults.HORIZON_DAYS;
        if (!bar.present()) {
            return new CostTable.Economics(days, null, null, 0);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([a-z][a-z0-9_]*)\\s*(>=|<=)\\s*(\\S+)\\s*")
                .matcher(bar.text());
        Double threshold = null;
        if (m.matches()) {
            try {
                threshold = Double.parseDouble(m.group(3));
            } catch (NumberFormatException e) {
                threshold = null;
            }
        }
        if (threshold == null) {
            throw bar.error("expected \"<metric> >= <number>\" or \"<metric> <= <number>\", e.g. \"accuracy >= 0.75\", got '"
                    + bar.text() + "'.");
        }
        return new CostTable.Economics(days, m.group(1), m.group(2), threshold);
    }

    /**
     * {@code budget: 5.00} (per run) or {@code budget: {run: 5.00, models: {gpt-4o: 2.00}}}. A budget needs
     * prices: a limited model without one could never be stopped, so that is an error here.
     */
    static SpendBudget budget(YamlNode node, List<String> modelIds, CostTable cost) {
        if (!node.present()) {
            return SpendBudget.NONE;
        }
        Double run = null;
        Map<String, Double> perModel = new HashMap<>();
        if (!node.isObject()) {
            run = node.number(0, Double.MAX_VALUE);
        } else {
            node.object("run", "models");
            if (node.get("run").present()) {
                run = node.get("run").number(0, Double.MAX_VALUE);
            }
            YamlNode models = node.get("models");
            if (models.present()) {
                models.object(modelIds.toArray(String[]::new));
                for (String id : models.keys()) {
                    perModel.put(id, models.get(id).number(0, Double.MAX_VALUE));
                }
            }
        }
        for (String id : run != null ? modelIds : List.copyOf(perModel.keySet())) {
            if (cost.priceFor(id).isEmpty()) {
                throw node.error("model '" + id + "' has no price, so its spend cannot be counted against the budget. Give it"
                        + " one under cost: (cost: {default: {prompt_per_1k: ..., completion_per_1k: ...}} or cost.models." + id + ").");
            }
        }
        return new SpendBudget(run, perModel);
    }

    private static CostTable.Price price(YamlNode node) {
        node.object("prompt_per_1k", "completion_per_1k", "training_per_1k_tokens", "hosting_per_hour");
        for (String field : List.of("prompt_per_1k", "completion_per_1k")) {
            if (!node.get(field).present()) {
                throw node.get(field).error("missing; the price per 1,000 tokens in the suite's currency, e.g. 0.0005.");
            }
        }
        return new CostTable.Price(node.get("prompt_per_1k").number(0, Double.MAX_VALUE),
                node.get("completion_per_1k").number(0, Double.MAX_VALUE), optionalPrice(node.get("training_per_1k_tokens")),
                optionalPrice(node.get("hosting_per_hour")));
    }

    private static Double optionalPrice(YamlNode node) {
        return node.present() ? node.number(0, Double.MAX_VALUE) : null;
    }

    static Optional<CheckpointPolicy> checkpoints(YamlNode node, boolean hasValidation, List<String> metrics,
                                                  List<String> techniques) {
        if (!node.present()) {
            return Optional.empty();
        }
        node.object("criterion", "patience", "keep_last");
        YamlNode c = node.get("criterion");
        CheckpointPolicy.Criterion criterion;
        if (!c.present() || c.isText()) {
            if (c.present()) {
                c.choice(List.of("validation_loss"));
            }
            if (!hasValidation) {
                throw c.error("validation_loss needs data.validation (a chat JSONL file); add it, or use "
                        + "criterion: {metric: accuracy, technique: as-is}.");
            }
            criterion = new CheckpointPolicy.ValidationLoss();
        } else {
            c.object("metric", "technique");
            String metric = known(c.get("metric"), metrics, "metric", "declared in metrics:");
            String technique = known(c.get("technique"), techniques, "technique", "declared in techniques:");
            criterion = new CheckpointPolicy.Metric(metric, technique);
        }
        Integer patience = node.get("patience").integerOrNull(0);
        Integer keepLast = node.get("keep_last").integerOrNull(0);
        return Optional.of(new CheckpointPolicy(criterion, patience == null ? Defaults.PATIENCE : patience,
                keepLast == null ? Defaults.KEEP_LAST : keepLast));
    }

    /** A name that must be one of {@code names}; suggests the closest otherwise. */
    static String known(YamlNode node, List<String> names, String what, String where) {
        String name = node.name();
        if (!names.contains(name)) {
            throw node.error("unknown " + what + " '" + name + "'" + Suggestions.didYouMean(name, names)
                    + "; expected one " + where + " " + String.join(", ", names) + ".");
        }
        return name;
    }
}
