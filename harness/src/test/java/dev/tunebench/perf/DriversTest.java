package dev.tunebench.perf;

import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RunnerSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drivers on a fake clock and a fake runner: what is measured, in which batches, with what queueing. */
class DriversTest {
    private static final long MS = 1_000_000L;

    private static Workload workload(int size) {
        List<Workload.Item> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            items.add(new Workload.Item("data.jsonl:" + (i + 1), Prompt.of(List.of(Message.user("q" + i)))));
        }
        return new Workload(items);
    }

    private static PerfSettings settings(Scenario scenario, List<Integer> batches, int concurrency, Double rate,
                                         int warmup, int requests, int trials) {
        return new PerfSettings(scenario, batches, concurrency, rate, Budget.requests(warmup), Budget.requests(requests),
                trials, GenerationSettings.greedy(8), List.of(), 7);
    }

    @Test
    void warmUpRequestsAreRunButNeverMeasured() {
        FakeTicker ticker = new FakeTicker();
        // The four warm-up calls are slow; any of them in the figures would show as a 1 s latency.
        FakeRunner runner = new FakeRunner(ticker, call -> call < 4 ? 1_000 * MS : 2 * MS, MS, 3);
        List<TrialResult> logged = new ArrayList<>();
        PerfRunner perf = new PerfRunner(s -> runner, RunnerSettings.cpu(), ticker, (setup, trial) -> logged.add(trial));

        PerfBlock block = perf.run("m", workload(10), settings(Scenario.SINGLE_STREAM, List.of(1), 1, null, 4, 6, 2)).get(0);

        assertEquals(4 + 2 * 6, runner.calls().size(), "warm-up and both trials called the runner");
        assertEquals(4, block.setup().warmupRequests());
        assertEquals(12, block.figures().requests());
        assertTrue(block.figures().latency().maxMs() < 5, "max latency " + block.figures().latency().maxMs());
        assertEquals(2, logged.size());
        for (TrialResult trial : logged) {
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), trial.requests().stream().map(RequestTiming::sequence).toList());
        }
        assertEquals(2.0, block.figures().ttft().p50Ms(), 1e-2);
        // Three tokens each, one after another: 6 requests × 3 tokens in 6 × 4 ms.
        assertEquals(750.0, block.figures().outputTokensPerS().value(), 1e-6);
    }

    @Test
    void offlineSweepsBatchSizesWithFullBatchesAndARemainder() {
        FakeTicker ticker = new FakeTicker();
        FakeRunner runner = new FakeRunner(ticker, call -> 2 * MS, MS, 2);
        List<PerfBlock> blocks = new PerfRunner(s -> runner, RunnerSettings.cpu(), ticker, PerfRunner.TrialSink.NONE)
                .run("m", workload(10), settings(Scenario.OFFLINE, List.of(1, 4), 1, null, 1, 10, 1));

        assertEquals(List.of(1, 4), blocks.stream().map(b -> b.setup().batchSize()).toList());
        // Batch 1: one warm-up call, ten calls of one. Batch 4: a warm-up of one full batch, then 4, 4, 2.
        List<Integer> expected = new ArrayList<>(Collections.nCopies(11, 1));
        expected.addAll(List.of(4, 4, 4, 2));
        assertEquals(expected, runner.calls());
        assertEquals(4.0 * blocks.get(0).figures().outputTokensPerS().value() * 10 / 12,
                blocks.get(1).figures().outputTokensPerS().value(), 1e-6,
                "batch 4: 10 requests in 3 calls instead of 10");
    }

    @Test
    void offlineWorkersShareTheRunnerAndMeasureEachRequestOnce() {
        FakeTicker ticker = new FakeTicker();
        FakeRunner runner = new FakeRunner(ticker, call -> 2 * MS, MS, 2);
        List<TrialResult> logged = new ArrayList<>();
        PerfSettings offline = new PerfSettings(Scenario.OFFLINE, List.of(4), 1, null, Budget.requests(1),
                Budget.requests(10), 1, GenerationSettings.greedy(8), List.of(), 7, List.of(1, 3));
        List<PerfBlock> blocks = new PerfRunner(s -> runner, RunnerSettings.cpu(), ticker, (setup, trial) -> logged.add(trial))
                .run("m", workload(10), offline);

        assertEquals(List.of(1, 3), blocks.stream().map(b -> b.setup().workers()).toList());
        for (TrialResult trial : logged) {
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L),
                    trial.requests().stream().map(RequestTiming::sequence).toList(), "each request once, in order");
        }
        // Per block: a warm-up of one batch per worker, then 4, 4, 2 whoever takes them.
        List<Integer> calls = new ArrayList<>(runner.calls());
        assertEquals(List.of(4, 4, 4, 2), calls.subList(0, 4));
        List<Integer> threeWorkers = new ArrayList<>(calls.subList(4, calls.size()));
        Collections.sort(threeWorkers);
        assertEquals(List.of(2, 4, 4, 4, 4, 4), threeWorkers,
                "warm-up: 12 requests (3 workers x batch 4) = three calls of 4; then 4, 4, 2");
    }

    @Test
    void workersAreAnOfflineDimensionOnly() {
        dev.tunebench.spi.InputException e = org.junit.jupiter.api.Assertions.assertThrows(dev.tunebench.spi.InputException.class,
                () -> new PerfSettings(Scenario.SINGLE_STREAM, List.of(1), 1, null, Budget.requests(1),
                        Budget.requests(10), 1, GenerationSettings.greedy(8), List.of(), 7, List.of(2)));
        assertTrue(e.getMessage().contains("offline scenario only"), e.getMessage());
    }

    @Test
    void openLoopQueueIsTheWaitFromArrivalUntilTheRunnerIsFree() {
        FakeTicker ticker = new FakeTicker();
        FakeRunner runner = new FakeRunner(ticker, call -> 3 * MS, MS, 3);
        long start = ticker.nanoTime();
        TrialResult trial;
        try (ServerDriver driver = new ServerDriver(List.of(runner), workload(5), GenerationSettings.greedy(8), ticker)) {
            // 500 requests/s against 5 ms of service: most requests wait.
            trial = driver.run(0, 500.0, Budget.requests(30), 99);
        }
        Arrivals replay = new Arrivals(Budget.requests(30), 500.0, 99, start);
        long free = start;
        int queued = 0;
        for (RequestTiming r : trial.requests()) {
            long arrival = replay.take(0).arrivalNanos();
            assertEquals(Math.max(0, free - arrival), r.queueNanos(), "request " + r.sequence());
            free = Math.max(free, arrival) + 5 * MS;
            queued += r.queueNanos() > 0 ? 1 : 0;
        }
        assertTrue(queued > 15, "a saturated server queues: " + queued + " of 30");
    }

    @Test
    void lowRateServerDoesNotQueue() {
        FakeTicker ticker = new FakeTicker();
        FakeRunner runner = new FakeRunner(ticker, call -> 3 * MS, MS, 3);
        PerfBlock block = new PerfRunner(s -> runner, RunnerSettings.cpu(), ticker, PerfRunner.TrialSink.NONE)
                .run("m", workload(5), settings(Scenario.SERVER, List.of(1), 1, 2.0, 2, 20, 1)).get(0);
        assertEquals(0.0, block.figures().queue().maxMs());
        assertEquals(5.0, block.figures().latency().maxMs(), 1e-2, "latency is service time alone");
        assertTrue(block.figures().requestsPerS().value() < 2.5, "the arrival rate bounds throughput");
    }

    @Test
    void everyServerRunnerIsWarmedUp() {
        FakeTicker ticker = new FakeTicker();
        List<FakeRunner> runners = new ArrayList<>();
        PerfRunner perf = new PerfRunner(s -> {
            FakeRunner r = new FakeRunner(ticker, call -> MS, MS, 2);
            runners.add(r);
            return r;
        }, RunnerSettings.cpu(), ticker, PerfRunner.TrialSink.NONE);
        PerfBlock block = perf.run("m", workload(5), settings(Scenario.SERVER, List.of(1), 3, null, 3, 9, 1)).get(0);
        assertEquals(3, runners.size(), "one runner per worker");
        assertEquals(3, block.setup().warmupRequests());
        assertEquals(3, block.setup().concurrency());
        assertEquals(9, block.figures().requests());
        assertEquals(0.0, block.figures().queue().maxMs(), "a closed loop never queues");
        assertEquals(12, runners.stream().mapToInt(r -> r.calls().size()).sum());
    }
}
