package dev.tunebench.perf;

import dev.tunebench.stats.LatencyHistogram;
import dev.tunebench.stats.StudentT;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Folds the trials of one scenario into {@link PerfFigures}; pure, so it is tested on fixed timings. */
public final class PerfAggregator {
    private PerfAggregator() {
    }

    public static PerfFigures aggregate(List<TrialResult> trials, List<Slo> slos) {
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("no trials to aggregate");
        }
        LatencyHistogram ttft = LatencyHistogram.nanoseconds();
        LatencyHistogram tpot = LatencyHistogram.nanoseconds();
        LatencyHistogram interToken = LatencyHistogram.nanoseconds();
        LatencyHistogram latency = LatencyHistogram.nanoseconds();
        LatencyHistogram queue = LatencyHistogram.nanoseconds();
        double[] outputRate = new double[trials.size()];
        double[] totalRate = new double[trials.size()];
        double[] requestRate = new double[trials.size()];
        long requests = 0;
        long promptTokens = 0;
        long outputTokens = 0;
        long good = 0;
        double windowSeconds = 0;
        // Requests of one call were prefilled together: count that call's prefill time once.
        Map<Long, Long> prefillNanosByCall = new HashMap<>();
        for (int t = 0; t < trials.size(); t++) {
            TrialResult trial = trials.get(t);
            long trialPrompt = 0;
            long trialOutput = 0;
            for (RequestTiming r : trial.requests()) {
                ttft.record(r.ttftNanos());
                latency.record(r.latencyNanos());
                queue.record(r.queueNanos());
                long[] stamps = r.timings().tokenNanos();
                if (stamps.length >= 2) {
                    tpot.record((stamps[stamps.length - 1] - stamps[0]) / (stamps.length - 1));
                }
                for (int i = 1; i < stamps.length; i++) {
                    interToken.record(stamps[i] - stamps[i - 1]);
                }
                trialPrompt += r.promptTokens();
                trialOutput += r.completionTokens();
                prefillNanosByCall.merge(((long) t << 32) | r.call(), r.serviceTtftNanos(), Math::max);
                if (slos.stream().allMatch(s -> s.isMetBy(r))) {
                    good++;
                }
            }
            double seconds = trial.windowSeconds();
            outputRate[t] = trialOutput / seconds;
            totalRate[t] = (trialPrompt + trialOutput) / seconds;
            requestRate[t] = trial.requests().size() / seconds;
            requests += trial.requests().size();
            promptTokens += trialPrompt;
            outputTokens += trialOutput;
            windowSeconds += seconds;
        }
        long prefillNanos = prefillNanosByCall.values().stream().mapToLong(Long::longValue).sum();
        return new PerfFigures(trials.size(), requests, promptTokens, outputTokens,
                ttft.summary(), tpot.summary(), interToken.summary(), latency.summary(), queue.summary(),
                StudentT.estimateMean(outputRate), StudentT.estimateMean(totalRate), StudentT.estimateMean(requestRate),
                Arrays.stream(outputRate).boxed().toList(),
                prefillNanos == 0 ? Double.NaN : promptTokens / (prefillNanos / 1e9),
                slos, good, requests == 0 ? Double.NaN : (double) good / requests, good / windowSeconds);
    }
}
