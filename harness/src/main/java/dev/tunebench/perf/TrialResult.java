package dev.tunebench.perf;

import java.util.List;

/**
 * The measured requests of one trial (warm-up never included) and the trial's wall-clock window: from
 * the first request's issue or scheduled arrival to the last completion.
 */
public record TrialResult(int trial, List<RequestTiming> requests, long windowNanos) {
    public TrialResult {
        requests = List.copyOf(requests);
        if (windowNanos <= 0 && !requests.isEmpty()) {
            throw new IllegalArgumentException("a trial with requests needs a window > 0, got " + windowNanos);
        }
    }

    public double windowSeconds() {
        return windowNanos / 1e9;
    }
}
