package dev.tunebench.perf;

import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerInfo;
import dev.tunebench.spi.RunnerSettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Measures one model under one scenario: opens its runners, warms them up, runs the trials, folds them
 * into blocks. Always calls the runner: perf figures never come from cached completions.
 */
public final class PerfRunner {

    /** Opens a runner of the model under test with the given settings. */
    @FunctionalInterface
    public interface RunnerOpener {
        Runner open(RunnerSettings settings);
    }

    /** Receives each measured trial as it completes (perf.jsonl); warm-up never reaches it. */
    @FunctionalInterface
    public interface TrialSink {
        void accept(BlockSetup setup, TrialResult trial);

        TrialSink NONE = (setup, trial) -> { };
    }

    private final RunnerOpener opener;
    private final RunnerSettings base;
    private final Ticker ticker;
    private final TrialSink sink;

    /** @param base device and threads of every runner; the batch size is the scenario's */
    public PerfRunner(RunnerOpener opener, RunnerSettings base, Ticker ticker, TrialSink sink) {
        this.opener = opener;
        this.base = base;
        this.ticker = ticker;
        this.sink = sink;
    }

    public List<PerfBlock> run(String model, Workload workload, PerfSettings settings) {
        return settings.scenario() == Scenario.SERVER ? server(model, workload, settings)
                : sequential(model, workload, settings);
    }

    /** Single-stream and the offline sweep (workers x batch sizes) share one runner sized for the largest batch. */
    private List<PerfBlock> sequential(String model, Workload workload, PerfSettings s) {
        List<PerfBlock> blocks = new ArrayList<>();
        int largest = Collections.max(s.batchSizes());
        try (Runner runner = opener.open(new RunnerSettings(base.device(), base.intraOpThreads(), largest, base.options()))) {
            SequentialDriver driver = new SequentialDriver(runner, workload, s.generation(), ticker);
            for (int workers : s.workers()) {
                for (int batch : s.batchSizes()) {
                    long warm = driver.run(-1, batch, workers, s.warmupFor(batch * workers)).requests().size();
                    BlockSetup setup = setup(model, s, batch, 1, null, runner.info(), warm, workers);
                    blocks.add(measure(setup, s, t -> driver.run(t, batch, workers, s.measure())));
                }
            }
        }
        return blocks;
    }

    private List<PerfBlock> server(String model, Workload workload, PerfSettings s) {
        List<Runner> runners = new ArrayList<>();
        try {
            for (int w = 0; w < s.concurrency(); w++) {
                runners.add(opener.open(new RunnerSettings(base.device(), base.intraOpThreads(), 1, base.options())));
            }
            try (ServerDriver driver = new ServerDriver(runners, workload, s.generation(), ticker)) {
                long warm = driver.warmUp(s.warmup());
                BlockSetup setup = setup(model, s, 1, s.concurrency(), s.rate(), runners.get(0).info(), warm, 1);
                // Each trial draws its own arrival times, reproducibly from the seed.
                return List.of(measure(setup, s, t -> driver.run(t, s.rate(), s.measure(), s.seed() + 1_000_003L * t)));
            }
        } finally {
            runners.forEach(Runner::close);
        }
    }

    private PerfBlock measure(BlockSetup setup, PerfSettings s, IntFunction<TrialResult> trial) {
        List<TrialResult> trials = new ArrayList<>();
        ResourceUsage.Probe probe = ResourceUsage.start(ticker);
        for (int t = 0; t < s.trials(); t++) {
            TrialResult result = trial.apply(t);
            sink.accept(setup, result);
            trials.add(result);
        }
        ResourceUsage usage = probe.stop();
        return new PerfBlock(setup, PerfAggregator.aggregate(trials, s.slos()), usage);
    }

    private static BlockSetup setup(String model, PerfSettings s, int batch, int concurrency, Double rate,
                                    RunnerInfo info, long warm, int workers) {
        return new BlockSetup(model, s.scenario(), batch, concurrency, rate, info.runnerId(), info.device(),
                info.intraOpThreads(), warm, s.generation().maxNewTokens(), workers);
    }
}
