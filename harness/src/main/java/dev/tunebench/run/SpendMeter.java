package dev.tunebench.run;

import dev.tunebench.results.Sample;
import dev.tunebench.scoring.JudgeScorer;
import dev.tunebench.scoring.Scorer;
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
 * never crossed, not even by the batch in flight. Judge calls count too: what they took is spent from the
 * run's budget (not the judged model's), and each request reserves the most its judging can take. Used by
 * the engine's one thread.
 */
final class SpendMeter {
    /** Where a runner cannot count prompt tokens here (a served model without tokenizer:), ~4 characters a token. */
    private static final double CHARS_PER_TOKEN = 4.0;

    private final SpendPlan plan;
    private final List<JudgeScorer> judges;
    private final Map<String, Double> spent;
    private double total;

    SpendMeter(SpendPlan plan) {
        this(plan, List.of());
    }

    SpendMeter(SpendPlan plan, List<Scorer> scorers) {
        this.plan = plan;
        this.judges = scorers.stream().filter(JudgeScorer.class::isInstance).map(JudgeScorer.class::cast).toList();
        this.spent = new HashMap<>(plan.spentBefore());
        this.total = spent.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Whether the suite set a budget at all. */
    boolean active() {
        return plan.budget().any();
    }

    /**
     * Counts a written sample's cost; a sample from the completion cache cost nothing this time, but its judges
     * were asked.
     */
    void add(Sample s) {
        if (!plan.budget().any()) {
            return;
        }
        if (s.error() == null && !s.fromCache()) {
            double c = SpendPlan.cost(plan.prices(), s);
            spent.merge(s.model(), c, Double::sum);
            total += c;
        }
        double judged = s.judgeCost();
        spent.merge(SpendPlan.JUDGES, judged, Double::sum);
        total += judged;
    }

    /**
     * How many of {@code prompts}, in order, may be sent now; fewer than all means the budget stops the model
     * ({@link #reason} says why).
     */
    int admit(String model, Runner runner, List<Prompt> prompts, int maxNewTokens) {
        if (!plan.budget().any()) {
            return prompts.size();
        }
        double reserved = 0;
        double reservedJudges = 0;
        for (int i = 0; i < prompts.size(); i++) {
            Worst w = worst(model, runner, prompts.get(i), maxNewTokens);
            reserved += w.request();
            reservedJudges += w.judging();
            if (!fits(model, reserved, reservedJudges)) {
                return i;
            }
        }
        return prompts.size();
    }

    /** Whether the run's limit (rather than only this model's) is what stopped {@code model}. */
    boolean runLimitReached(String model, Runner runner, Prompt next, int maxNewTokens) {
        Double run = plan.budget().run();
        return run != null && total + worst(model, runner, next, maxNewTokens).total() > run;
    }

    String reason(String model, Runner runner, Prompt next, int maxNewTokens) {
        String currency = plan.prices().currency();
        double worst = worst(model, runner, next, maxNewTokens).total();
        boolean run = runLimitReached(model, runner, next, maxNewTokens);
        String limit = run
                ? String.format(Locale.ROOT, "the run's budget of %.6f %s (spent %.6f)", plan.budget().run(), currency, total)
                : String.format(Locale.ROOT, "model '%s''s budget of %.6f %s (spent %.6f)", model,
                plan.budget().forModel(model).orElse(0.0), currency, spent.getOrDefault(model, 0.0));
        return String.format(Locale.ROOT, "budget reached: the next request of '%s' could cost up to %.6f %s and cross %s."
                + " Samples done are kept; raise budget: in the suite (or pass --budget for the run's) and run again with"
                + " --resume --out of this folder", model, worst, currency, limit);
    }

    private boolean fits(String model, double reserved, double reservedJudges) {
        Double run = plan.budget().run();
        if (run != null && total + reserved + reservedJudges > run) {
            return false;
        }
        Double own = plan.budget().forModel(model).orElse(null);
        return own == null || spent.getOrDefault(model, 0.0) + reserved <= own;
    }

    /** The most one request can cost, and the most its judging can: apart, since judging spends the run's budget only. */
    private record Worst(double request, double judging) {
        double total() {
            return request + judging;
        }
    }

    /**
     * The request's worst case: every prompt token and {@code maxNewTokens} at the model's price. Its judging's,
     * roughly: each judge request's prompt is taken as the rubric, the model's whole prompt (for the question)
     * and every answer it shows at {@code maxNewTokens}, and each request as repaired once (the prompt again with
     * the reply, and a second reply). The prompt is counted once, and only when a price needs it.
     */
    private Worst worst(String model, Runner runner, Prompt prompt, int maxNewTokens) {
        CostTable.Price own = plan.prices().priceFor(model).orElse(null);
        List<JudgeScorer> priced = judges.stream()
                .filter(j -> j.grades(model) && plan.prices().priceFor(j.model().id()).isPresent()).toList();
        if (own == null && priced.isEmpty()) {
            return new Worst(0, 0);
        }
        long tokens = promptTokens(runner, prompt);
        double request = own == null ? 0 : (tokens * own.promptPer1k() + (double) maxNewTokens * own.completionPer1k()) / 1000;
        double judging = 0;
        for (JudgeScorer j : priced) {
            CostTable.Price price = plan.prices().priceFor(j.model().id()).orElseThrow();
            long judgeMax = j.model().generation().maxNewTokens();
            double oneRequestPrompt = j.fixedChars() / CHARS_PER_TOKEN + tokens
                    + (double) maxNewTokens * (j.reference().isPresent() ? 2 : 1);
            double judgePrompt = 2 * oneRequestPrompt + judgeMax;
            double judgeCompletion = 2.0 * judgeMax;
            judging += j.requestsPerAnswer() * (judgePrompt * price.promptPer1k() + judgeCompletion * price.completionPer1k()) / 1000;
        }
        return new Worst(request, judging);
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
