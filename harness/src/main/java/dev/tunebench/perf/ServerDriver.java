package dev.tunebench.perf;

import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves requests with one runner per worker thread (runners are not thread-safe). Workers take
 * requests in arrival order from a shared {@link Arrivals}: a request waits in the queue from its
 * arrival until a worker is free, which is its queueing delay. Each request runs alone (batch 1): a
 * shared runner with dynamic batching would make a new arrival wait for the whole running batch, since
 * the runner batches whole requests, not steps. A worker that is free before the next arrival idles
 * until it; that wait, and any lateness of the wake-up, is the load generator's, not queueing.
 */
final class ServerDriver implements AutoCloseable {
    private final List<Runner> runners;
    private final Workload workload;
    private final GenerationSettings generation;
    private final Ticker ticker;
    private final ExecutorService pool;

    ServerDriver(List<Runner> runners, Workload workload, GenerationSettings generation, Ticker ticker) {
        this.runners = List.copyOf(runners);
        this.workload = workload;
        this.generation = generation;
        this.ticker = ticker;
        AtomicInteger names = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(runners.size(), r -> {
            Thread t = new Thread(r, "tunebench-perf-worker-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Warms every runner: each serves its share of the warm-up count (at least one), or for the duration. */
    long warmUp(Budget budget) {
        int workers = runners.size();
        long start = ticker.nanoTime();
        List<Callable<List<RequestTiming>>> tasks = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Budget share = budget instanceof Budget.Requests r
                    ? Budget.requests(Math.max(1, r.count() / workers + (w < r.count() % workers ? 1 : 0))) : budget;
            Arrivals own = new Arrivals(share, null, 0, start);
            Runner runner = runners.get(w);
            tasks.add(() -> serve(-1, runner, own));
        }
        return invokeAll(tasks).size();
    }

    TrialResult run(int trial, Double rate, Budget budget, long seed) {
        long start = ticker.nanoTime();
        Arrivals arrivals = new Arrivals(budget, rate, seed, start);
        List<Callable<List<RequestTiming>>> tasks = new ArrayList<>();
        for (Runner runner : runners) {
            tasks.add(() -> serve(trial, runner, arrivals));
        }
        List<RequestTiming> all = invokeAll(tasks);
        long window = ticker.nanoTime() - start;
        all.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        return new TrialResult(trial, all, window);
    }

    private List<RequestTiming> serve(int trial, Runner runner, Arrivals arrivals) {
        List<RequestTiming> out = new ArrayList<>();
        while (true) {
            long free = ticker.nanoTime();
            Arrivals.Ticket ticket = arrivals.take(free);
            if (ticket == null) {
                return out;
            }
            if (ticket.arrivalNanos() > free) {
                ticker.parkUntil(ticket.arrivalNanos());
            }
            Workload.Item item = workload.get(ticket.sequence());
            Generation g = runner.generate(List.of(item.prompt()), generation).get(0);
            out.add(RequestTiming.of(trial, ticket.sequence(), item, (int) ticket.sequence(), 1,
                    Math.max(0, free - ticket.arrivalNanos()), g));
        }
    }

    private List<RequestTiming> invokeAll(List<Callable<List<RequestTiming>>> tasks) {
        List<RequestTiming> all = new ArrayList<>();
        try {
            for (Future<List<RequestTiming>> f : pool.invokeAll(tasks)) {
                all.addAll(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the server scenario", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        return all;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
