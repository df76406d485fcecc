package dev.tunebench.results;

/**
 * What one judge scorer's requests for one sample took: the judge model (whose prices they cost), how many
 * requests it sent (samples, swapped orders and repairs) and how many replies it took from the completion cache
 * instead (null for none), the sent requests' tokens as the judge's runner counted them (null where it gave
 * none), their cost at the suite's prices (null without a price), and for a pairwise judge whether both orders
 * of the two answers gave the same verdict (null when the judge is not pairwise or an order had no grade).
 */
public record JudgeCalls(String judge, int requests, Integer cached, Integer promptTokens, Integer completionTokens,
                         Double cost, Boolean swapConsistent) {
    /** These calls priced: prompt and completion tokens at the per-1K prices. */
    public JudgeCalls priced(double promptPer1k, double completionPer1k) {
        double c = ((promptTokens == null ? 0 : promptTokens) * promptPer1k
                + (completionTokens == null ? 0 : completionTokens) * completionPer1k) / 1000;
        return new JudgeCalls(judge, requests, cached, promptTokens, completionTokens, c, swapConsistent);
    }
}
