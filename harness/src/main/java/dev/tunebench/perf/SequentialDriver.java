package dev.tunebench.perf;

import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Issues one generate call at a time on one runner, the next as soon as the previous returns: with
 * batch size 1 this is MLPerf's single-stream, with larger batches the offline sweep (the whole set
 * is available at once, so the only limit is the batch). With several workers, each thread sharing the
 * runner does the same, taking the next batch of prompts in turn. Every trial starts again at the first
 * prompt, so trials measure the same requests.
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
        return run(trial, batchSize, 1, budget);
    }

    TrialResult run(int trial, int batchSize, int workers, Budget budget) {
        long start = ticker.nanoTime();
        Claims claims = new Claims(budget, batchSize, start);
        List<RequestTiming> out = new ArrayList<>();
        if (workers == 1) {
            work(trial, claims, out);
        } else {
            List<Thread> threads = new ArrayList<>(workers);
            Throwable[] failure = new Throwable[1];
            for (int w = 0; w < workers; w++) {
                Thread t = new Thread(() -> work(trial, claims, out), "tunebench-perf-worker-" + (w + 1));
                t.setUncaughtExceptionHandler((thread, e) -> {
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = e;
                        }
                    }
                    claims.stop();
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while measuring", e);
                }
            }
            if (failure[0] instanceof RuntimeException r) {
                throw r;
            }
            if (failure[0] != null) {
                throw new IllegalStateException(failure[0].getMessage(), failure[0]);
            }
            out.sort(Comparator.comparingLong(RequestTiming::sequence));
        }
        return new TrialResult(trial, out, ticker.nanoTime() - start);
    }

    private void work(int trial, Claims claims, List<RequestTiming> out) {
        Claims.Claim claim;
        while ((claim = claims.next()) != null) {
            List<Workload.Item> items = new ArrayList<>(claim.size());
            List<Prompt> prompts = new ArrayList<>(claim.size());
            for (int k = 0; k < claim.size(); k++) {
                Workload.Item item = workload.get(claim.first() + k);
                items.add(item);
                prompts.add(item.prompt());
            }
            List<Generation> generations = runner.generate(prompts, generation);
            List<RequestTiming> timings = new ArrayList<>(claim.size());
            for (int k = 0; k < claim.size(); k++) {
                timings.add(RequestTiming.of(trial, claim.first() + k, items.get(k), claim.call(), claim.size(), 0,
                        generations.get(k)));
            }
            synchronized (out) {
                out.addAll(timings);
            }
        }
    }

    /** Hands out the next batch of prompts while the budget allows more, one caller at a time. */
    private final class Claims {
        record Claim(long first, int size, int call) {
        }

        private final Budget budget;
        private final int batchSize;
        private final long start;
        private long issued;
        private int call;
        private boolean stopped;

        Claims(Budget budget, int batchSize, long start) {
            this.budget = budget;
            this.batchSize = batchSize;
            this.start = start;
        }

        synchronized Claim next() {
            if (stopped || !budget.allowsMore(issued, ticker.nanoTime() - start)) {
                return null;
            }
            int n = budget instanceof Budget.Requests r ? (int) Math.min(batchSize, r.count() - issued) : batchSize;
            Claim claim = new Claim(issued, n, call++);
            issued += n;
            return claim;
        }

        synchronized void stop() {
            stopped = true;
        }
    }
}
