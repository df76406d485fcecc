package dev.tunebench.perf;

import java.util.SplittableRandom;

/**
 * Hands out requests in order with their arrival times. Open loop (a rate): arrivals form a Poisson
 * process from {@code start}, exponential gaps from a seeded generator, independent of how fast the
 * runners are. Closed loop (no rate): a request arrives when a runner asks for it, so it never queues.
 */
final class Arrivals {
    private final Budget budget;
    private final Double rate;
    private final SplittableRandom random;
    private final long start;
    private long issued;
    private long nextArrival;

    /** One request handed to a worker: its position in the trial and when it arrived. */
    record Ticket(long sequence, long arrivalNanos) {
    }

    Arrivals(Budget budget, Double rate, long seed, long start) {
        this.budget = budget;
        this.rate = rate;
        this.random = new SplittableRandom(seed);
        this.start = start;
        this.nextArrival = start;
    }

    /** The next request for a worker that became free at {@code freeNanos}; null when the budget is spent. */
    synchronized Ticket take(long freeNanos) {
        long arrival = rate == null ? freeNanos : nextArrival;
        if (!budget.allowsMore(issued, arrival - start)) {
            return null;
        }
        if (rate != null) {
            // Inverse-CDF of the exponential distribution; 1 - u keeps the log's argument in (0, 1].
            nextArrival += (long) (-Math.log(1 - random.nextDouble()) / rate * 1e9);
        }
        return new Ticket(issued++, arrival);
    }
}
