package dev.tunebench.run;

import dev.tunebench.results.Sample;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.suite.CostTable;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts a run's spend from each sample's usage and admits requests only while the worst they can cost
 * (every prompt token, and {@code max_new_tokens} of completion) still fits the budget, so a limit is
 * never crossed, not even by the batch in flight. Used by the engine's one thread.
 */
final class SpendMeter {
    /** Where a runner cannot count prompt tokens here (a served model without tokenizer:), ~4 characters a token. */
    private static final double CHARS_PER_TOKEN = 4.0;

    private final SpendPlan plan;
    private final Map<String, Double> spent;
    private double total;

    SpendMeter(SpendPlan plan) {
        this.plan = plan;
        this.spent = new HashMap<>(plan.spentBefore());
        this.total = spent.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Whether the suite set a budget at all. */
    boolean active() {
        return plan.budget().any();
    }

    /** Counts a written sample's cost; a sample from the completion cache cost nothing this time. */
    void add(Sample s) {
        if (s.error() == null && !s.fromCache() && plan.budget().any()) {
            double c = SpendPlan.cost(plan.prices(), s);
            spent.merge(s.model(), c, Double::sum);
            total += c;
        }
    }

    /**
     * How many of {@code prompts}, in order, may be sent now; fewer than all means the budget stops the model
     * ({@link #reason} says why).
     */
    int admit(String model, Runner runner, List<Prompt> prompts, int maxNewTokens) {
        if (!plan.budget().any()) {
            return prompts.size();
        }
        CostTable.Price price = plan.prices().priceFor(model).orElse(null);
        if (price == null) {
            return prompts.size();
        }
        double reserved = 0;
        for (int i = 0; i < prompts.size(); i++) {
            reserved += worst(price, runner, prompts.get(i), maxNewTokens);
            if (!fits(model, reserved)) {
                return i;
            }
        }
        return prompts.size();
    }

    /** Whether the run's limit (rather than only this model's) is what stopped {@code model}. */
    boolean runLimitReached(String model, Runner runner, Prompt next, int maxNewTokens) {
        Double run = plan.budget().run();
        CostTable.Price price = plan.prices().priceFor(model).orElse(null);
        return run != null && price != null && total + worst(price, runner, next, maxNewTokens) > run;
    }

    String reason(String model, Runner runner, Prompt next, int maxNewTokens) {
        String currency = plan.prices().currency();
        double worst = plan.prices().priceFor(model).map(p -> worst(p, runner, next, maxNewTokens)).orElse(0.0);
        boolean run = runLimitReached(model, runner, next, maxNewTokens);
        String limit = run
                ? String.format(Locale.ROOT, "the run's budget of %.6f %s (spent %.6f)", plan.budget().run(), currency, total)
                : String.format(Locale.ROOT, "model '%s''s budget of %.6f %s (spent %.6f)", model,
                plan.budget().forModel(model).orElse(0.0), currency, spent.getOrDefault(model, 0.0));
        return String.format(Locale.ROOT, "budget reached: the next request of '%s' could cost up to %.6f %s and cross %s."
                + " Samples done are kept; raise budget: in the suite (or pass --budget for the run's) and run again with"
                + " --resume --out of this folder", model, worst, currency, limit);
    }

    private boolean fits(String model, double reserved) {
        Double run = plan.budget().run();
        if (run != null && total + reserved > run) {
            return false;
        }
        Double own = plan.budget().forModel(model).orElse(null);
        return own == null || spent.getOrDefault(model, 0.0) + reserved <= own;
    }

    private static double worst(CostTable.Price price, Runner runner, Prompt prompt, int maxNewTokens) {
        return (promptTokens(runner, prompt) * price.promptPer1k() + (double) maxNewTokens * price.completionPer1k()) / 1000;
    }

    private static long promptTokens(Runner runner, Prompt prompt) {
        try {
            return runner.countPromptTokens(prompt);
        } catch (UnsupportedOperationException noTokenizer) {
            long chars = prompt.assistantPrefix().length();
            for (Message m : prompt.messages()) {
                chars += m.content() == null ? 0 : m.content().length();
            }
            return (long) Math.ceil(chars / CHARS_PER_TOKEN);
        }
    }
}
