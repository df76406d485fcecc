package dev.tunebench.perf;

import dev.tunebench.stats.LatencySummary;
import dev.tunebench.stats.MetricEstimate;

import java.util.List;

/**
 * What a scenario measured, pooled over its trials. Latencies come from HdrHistograms of every measured
 * request; throughputs are the mean over trials with a Student-t interval (undefined for one trial).
 *
 * @param prefillTokensPerS prompt tokens per second of prefill: prompt tokens over the summed
 *                          submit-to-first-token time of each generate call (one call per batch)
 * @param goodRequests      requests meeting every SLO (all requests when there are no SLOs)
 * @param goodputPerS       good requests per second of the summed trial windows
 */
public record PerfFigures(int trials, long requests, long promptTokens, long outputTokens,
                          LatencySummary ttft, LatencySummary tpot, LatencySummary interToken,
                          LatencySummary latency, LatencySummary queue,
                          MetricEstimate outputTokensPerS, MetricEstimate totalTokensPerS,
                          MetricEstimate requestsPerS, List<Double> outputTokensPerSByTrial, double prefillTokensPerS,
                          List<Slo> slos, long goodRequests, double goodputShare, double goodputPerS) {
    public PerfFigures {
        outputTokensPerSByTrial = List.copyOf(outputTokensPerSByTrial);
        slos = List.copyOf(slos);
    }
}
