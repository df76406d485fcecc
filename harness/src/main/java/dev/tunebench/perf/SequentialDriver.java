package dev.tunebench.perf;

import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;

import java.util.ArrayList;
import java.util.List;

/**
 * Issues one generate call at a time on one runner, the next as soon as the previous returns: with
 * batch size 1 this is MLPerf's single-stream, with larger batches the offline sweep (the whole set
 * is available at once, so the only limit is the batch). Every trial starts again at the first prompt,
 * so trials measure the same requests.
 */
final class SequentialDriver {
    private final Runner runner;
    private final Workload workload;
    private final GenerationSettings generation;
    private final Ticker ticker;

    SequentialDriver(Runner runner, Workload workload, GenerationSettings generation, Ticker ticker) {
        this.runner = runner;
        this.workload = workload;
        this.generation = generation;
        this.ticker = ticker;
    }

    TrialResult run(int trial, int batchSize, Budget budget) {
        List<RequestTiming> out = new ArrayList<>();
        long start = ticker.nanoTime();
        long issued = 0;
        int call = 0;
        while (budget.allowsMore(issued, ticker.nanoTime() - start)) {
            int n = budget instanceof Budget.Requests r ? (int) Math.min(batchSize, r.count() - issued) : batchSize;
            List<Workload.Item> items = new ArrayList<>(n);
            List<Prompt> prompts = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                Workload.Item item = workload.get(issued + k);
                items.add(item);
                prompts.add(item.prompt());
            }
            List<Generation> generations = runner.generate(prompts, generation);
            for (int k = 0; k < n; k++) {
                out.add(RequestTiming.of(trial, issued + k, items.get(k), call, n, 0, generations.get(k)));
            }
            issued += n;
            call++;
        }
        return new TrialResult(trial, out, ticker.nanoTime() - start);
    }
}
