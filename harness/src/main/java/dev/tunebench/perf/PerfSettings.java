package dev.tunebench.perf;

import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;

import java.util.List;
import java.util.Objects;

/**
 * One scenario to measure. {@code batchSizes} is the offline sweep ({@code [1]} otherwise), and
 * {@code workers} its other dimension: that many threads share the runner, each sending its next batch
 * as soon as its last returns ({@code [1]} otherwise). For server,
 * {@code concurrency} is the number of runners serving requests and {@code rate} (requests per second,
 * Poisson) the open-loop arrival rate; without a rate, {@code concurrency} clients send their next
 * request as soon as the previous one completes (closed loop).
 */
public record PerfSettings(Scenario scenario, List<Integer> batchSizes, int concurrency, Double rate,
                           Budget warmup, Budget measure, int trials, GenerationSettings generation,
                           List<Slo> slos, long seed, List<Integer> workers) {

    public PerfSettings(Scenario scenario, List<Integer> batchSizes, int concurrency, Double rate, Budget warmup,
                        Budget measure, int trials, GenerationSettings generation, List<Slo> slos, long seed) {
        this(scenario, batchSizes, concurrency, rate, warmup, measure, trials, generation, slos, seed, List.of(1));
    }

    public PerfSettings {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(generation, "generation");
        batchSizes = List.copyOf(batchSizes);
        slos = List.copyOf(slos);
        workers = List.copyOf(workers);
        if (workers.isEmpty() || workers.stream().anyMatch(w -> w < 1)) {
            throw new InputException("workers must be >= 1, got " + workers + ".");
        }
        if (scenario != Scenario.OFFLINE && !workers.equals(List.of(1))) {
            throw new InputException("workers " + workers + " apply to the offline scenario only; for "
                    + scenario.wireName() + " use concurrency (server) or nothing (single-stream).");
        }
        if (batchSizes.isEmpty() || batchSizes.stream().anyMatch(b -> b < 1)) {
            throw new InputException("batch sizes must be >= 1, got " + batchSizes + ".");
        }
        if (scenario != Scenario.OFFLINE && !batchSizes.equals(List.of(1))) {
            throw new InputException("batch sizes " + batchSizes + " apply to the offline scenario only; "
                    + scenario.wireName() + " sends one request per call. Drop them or use the offline scenario.");
        }
        if (scenario != Scenario.SERVER && (concurrency != 1 || rate != null)) {
            throw new InputException("concurrency and rate apply to the server scenario only, not "
                    + scenario.wireName() + ". Drop them or use the server scenario.");
        }
        if (concurrency < 1) {
            throw new InputException("concurrency must be >= 1, got " + concurrency + ".");
        }
        if (rate != null && !(rate > 0 && Double.isFinite(rate))) {
            throw new InputException("rate must be a number of requests per second > 0, got " + rate + ".");
        }
        if (trials < 1) {
            throw new InputException("trials must be >= 1, got " + trials + ".");
        }
        if (warmup instanceof Budget.Requests r && r.count() < concurrency) {
            throw new InputException("warm-up of " + r.count() + " requests is below the concurrency " + concurrency
                    + ": every runner must be warm before measuring. Use a warm-up of at least " + concurrency + ".");
        }
    }

    /** The first prompts' warm-up for one batch size: never less than one full batch. */
    Budget warmupFor(int batchSize) {
        return warmup instanceof Budget.Requests r && r.count() < batchSize ? Budget.requests(batchSize) : warmup;
    }
}
