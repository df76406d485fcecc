package dev.tunebench.run;

import dev.tunebench.results.Sample;
import dev.tunebench.results.SampleReader;
import dev.tunebench.suite.CostTable;
import dev.tunebench.suite.SpendBudget;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A run's spend limits with the prices to count spend by, and what each model already spent in the run
 * folder (a resumed run goes on from there, so a raised budget buys exactly the rest).
 */
public record SpendPlan(SpendBudget budget, CostTable prices, Map<String, Double> spentBefore) {
    public static final SpendPlan NONE = new SpendPlan(SpendBudget.NONE, CostTable.NONE, Map.of());
    /** The key of {@link #spentBefore} under which judge calls are counted: they spend the run's budget, no model's. */
    public static final String JUDGES = "\u0000judges";

    public SpendPlan {
        spentBefore = Map.copyOf(spentBefore);
    }

    /** The cost of one answered sample from its usage; 0 without a price or tokens. */
    public static double cost(CostTable prices, Sample s) {
        return prices.priceFor(s.model())
                .map(p -> (nz(s.promptTokens()) * p.promptPer1k() + nz(s.completionTokens()) * p.completionPer1k()) / 1000)
                .orElse(0.0);
    }

    /** The limits with what the samples already in {@code runDir} cost (none when it holds no samples yet). */
    public static SpendPlan resumed(SpendBudget budget, CostTable prices, Path runDir) {
        Map<String, Double> spent = new HashMap<>();
        if (budget.any() && java.nio.file.Files.exists(runDir.resolve(dev.tunebench.results.SampleSink.FILE_NAME))) {
            SampleReader.forEach(runDir, s -> {
                if (s.error() == null && !s.fromCache()) {
                    spent.merge(s.model(), cost(prices, s), Double::sum);
                }
                spent.merge(JUDGES, s.judgeCost(), Double::sum);
            });
        }
        return new SpendPlan(budget, prices, spent);
    }

    private static int nz(Integer v) {
        return v == null ? 0 : v;
    }
}
