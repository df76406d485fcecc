package dev.tunebench.perf;

import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Timings;
import dev.tunebench.stats.Interval;
import dev.tunebench.stats.LatencySummary;
import dev.tunebench.stats.Percentiles;
import dev.tunebench.stats.StudentT;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Aggregation of fixed, hand-made timings: percentiles, throughput across trials, goodput, prefill. */
class PerfAggregatorTest {
    private static final long MS = 1_000_000L;

    /** A request: queue, then first token after {@code ttftMs}, then one token after each gap. */
    private static RequestTiming request(int call, double queueMs, double ttftMs, int promptTokens, double... gapsMs) {
        long submit = 10_000 * MS;
        long[] stamps = new long[gapsMs.length + 1];
        stamps[0] = submit + Math.round(ttftMs * MS);
        for (int i = 0; i < gapsMs.length; i++) {
            stamps[i + 1] = stamps[i] + Math.round(gapsMs[i] * MS);
        }
        return new RequestTiming(0, call, "r:" + call, call, 1, Math.round(queueMs * MS), promptTokens,
                stamps.length, FinishReason.EOS, new Timings(submit, stamps, stamps[stamps.length - 1]));
    }

    private static PerfFigures one(List<RequestTiming> requests, List<Slo> slos) {
        return PerfAggregator.aggregate(List.of(new TrialResult(0, requests, 1_000 * MS)), slos);
    }

    private static void assertWithin(double expected, double actual, double relative) {
        assertEquals(expected, actual, Math.abs(expected) * relative, "expected " + expected + " got " + actual);
    }

    @Test
    void uniformLatenciesGiveTheirQuantiles() {
        List<RequestTiming> requests = new ArrayList<>();
        double[] values = new double[1000];
        for (int i = 1; i <= 1000; i++) {
            requests.add(request(i, 0, i, 1));
            values[i - 1] = i;
        }
        LatencySummary ttft = one(requests, List.of()).ttft();
        assertEquals(1000, ttft.count());
        assertEquals(500.5, ttft.meanMs(), 1e-9, "the mean is exact");
        assertEquals(1000.0, ttft.maxMs(), 1e-9, "the max is exact");
        assertWithin(500, ttft.p50Ms(), 1e-3);
        assertWithin(900, ttft.p90Ms(), 1e-3);
        assertWithin(950, ttft.p95Ms(), 1e-3);
        assertWithin(990, ttft.p99Ms(), 1e-3);
        // HdrHistogram's percentile and the interpolated one differ by at most one value's gap.
        assertEquals(Percentiles.of(values, 99), ttft.p99Ms(), 1 + 990e-3);
    }

    @Test
    void exponentialLatenciesMatchTheirClosedFormQuantiles() {
        List<RequestTiming> requests = new ArrayList<>();
        int n = 10_000;
        double mean = 10;
        for (int i = 1; i <= n; i++) {
            // Evenly spaced quantiles of an exponential with mean 10 ms: a sample without sampling noise.
            requests.add(request(i, 0, -mean * Math.log(1 - (i - 0.5) / n), 1));
        }
        LatencySummary ttft = one(requests, List.of()).ttft();
        assertWithin(mean * Math.log(2), ttft.p50Ms(), 2e-3);
        assertWithin(mean * Math.log(10), ttft.p90Ms(), 2e-3);
        assertWithin(mean * Math.log(20), ttft.p95Ms(), 2e-3);
        assertWithin(mean * Math.log(100), ttft.p99Ms(), 2e-3);
        assertWithin(mean, ttft.meanMs(), 1e-3);
    }

    @Test
    void bimodalLatenciesSplitAtTheTail() {
        List<RequestTiming> requests = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            requests.add(request(i, 0, i < 90 ? 1 : 100, 1));
        }
        LatencySummary ttft = one(requests, List.of()).ttft();
        assertWithin(1, ttft.p50Ms(), 1e-3);
        assertWithin(1, ttft.p90Ms(), 1e-3);
        assertWithin(100, ttft.p95Ms(), 1e-3);
        assertWithin(100, ttft.p99Ms(), 1e-3);
    }

    @Test
    void tpotExcludesTheFirstTokenAndQueueingCountsInTtftAndLatency() {
        PerfFigures f = one(List.of(request(0, 5, 100, 1, 10, 20, 30)), List.of());
        assertWithin(20, f.tpot().p50Ms(), 1e-3);
        assertEquals(3, f.interToken().count());
        assertWithin(30, f.interToken().maxMs(), 1e-3);
        assertWithin(105, f.ttft().p50Ms(), 1e-3);
        assertWithin(165, f.latency().maxMs(), 1e-3);
        assertWithin(5, f.queue().maxMs(), 1e-3);
    }

    @Test
    void throughputIsTheMeanOverTrialsWithAStudentTInterval() {
        List<RequestTiming> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(request(i, 0, 1, 20, 1, 1, 1, 1));
        }
        // 10 requests × 5 tokens in 1 s, then the same in 2 s: 50 and 25 output tokens/s.
        PerfFigures f = PerfAggregator.aggregate(List.of(new TrialResult(0, ten, 1_000 * MS),
                new TrialResult(1, ten, 2_000 * MS)), List.of());
        assertEquals(2, f.trials());
        assertEquals(20, f.requests());
        assertEquals(37.5, f.outputTokensPerS().value(), 1e-9);
        assertEquals(List.of(50.0, 25.0), f.outputTokensPerSByTrial());
        Interval expected = StudentT.meanInterval(new double[]{50, 25}, 0.95);
        assertEquals(expected.low(), f.outputTokensPerS().ciLow(), 1e-9);
        assertEquals(expected.high(), f.outputTokensPerS().ciHigh(), 1e-9);
        assertEquals(187.5, f.totalTokensPerS().value(), 1e-9);
        assertEquals(7.5, f.requestsPerS().value(), 1e-9);
    }

    @Test
    void oneTrialHasNoInterval() {
        PerfFigures f = one(List.of(request(0, 0, 1, 1)), List.of());
        assertEquals(1.0, f.outputTokensPerS().value(), 1e-9);
        assertNull(f.outputTokensPerS().ciLow());
    }

    @Test
    void goodputCountsExactlyTheRequestsMeetingEverySlo() {
        List<Slo> slos = List.of(Slo.parse("ttft_ms<=200", "test"), Slo.parse("tpot_ms <= 20", "test"));
        List<RequestTiming> requests = List.of(
                request(0, 0, 100, 1, 10, 10),        // meets both
                request(1, 0, 200, 1, 20, 20),        // exactly at both limits: meets
                request(2, 0, 200.5, 1, 10),          // ttft over
                request(3, 0, 50, 1, 25, 25),         // tpot over
                request(4, 60, 150, 1, 5),            // 150 ms service + 60 ms queueing: ttft over
                request(5, 0, 10, 1),                 // one token: no tpot, meets
                request(6, 0, 300, 1, 30),            // both over
                request(7, 0, 199, 1, 15, 25));       // tpot = 20: meets
        PerfFigures f = one(requests, slos);
        assertEquals(4, f.goodRequests());
        assertEquals(0.5, f.goodputShare(), 1e-12);
        assertEquals(4.0, f.goodputPerS(), 1e-9, "4 good requests in a 1 s window");
        assertEquals(8, one(requests, List.of()).goodRequests(), "without SLOs every request is good");
    }

    @Test
    void prefillThroughputCountsEachBatchOnce() {
        List<RequestTiming> requests = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            requests.add(request(0, 0, 4, 10));
        }
        for (int r = 0; r < 2; r++) {
            requests.add(request(1, 0, 2, 10));
        }
        // 60 prompt tokens in 4 ms + 2 ms of prefill.
        assertEquals(10_000, one(requests, List.of()).prefillTokensPerS(), 1e-6);
    }
}
