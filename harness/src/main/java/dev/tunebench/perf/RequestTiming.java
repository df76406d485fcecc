package dev.tunebench.perf;

import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.Timings;

import java.util.Objects;

/**
 * One measured request. {@code queueNanos} is the time from its scheduled arrival until a runner was
 * free to take it (zero when a runner was idle, as in single-stream, offline and closed-loop server);
 * {@code timings} are the runner's own stamps from submit. TTFT and end-to-end latency are as a client
 * sees them, queueing included; TPOT and inter-token gaps exclude the first token.
 *
 * @param call requests of one {@code generate} call share its number (a batch in offline); prefill
 *             throughput is computed per call
 */
public record RequestTiming(int trial, long sequence, String rowId, int call, int batchSize, long queueNanos,
                            int promptTokens, int completionTokens, FinishReason finishReason, Timings timings) {

    public RequestTiming {
        Objects.requireNonNull(rowId, "rowId");
        Objects.requireNonNull(timings, "timings");
        if (queueNanos < 0) {
            throw new IllegalArgumentException("queue time must be >= 0, got " + queueNanos);
        }
    }

    static RequestTiming of(int trial, long sequence, Workload.Item item, int call, int batchSize, long queueNanos,
                            Generation generation) {
        return new RequestTiming(trial, sequence, item.rowId(), call, batchSize, queueNanos, generation.promptTokens(),
                generation.completionTokens(), generation.finishReason(), generation.timings());
    }

    public double queueMs() {
        return queueNanos / 1e6;
    }

    /** Submit to first token inside the runner (template, tokenizer and prefill), queueing excluded. */
    public long serviceTtftNanos() {
        long[] tokens = timings.tokenNanos();
        return (tokens.length == 0 ? timings.endNanos() : tokens[0]) - timings.submitNanos();
    }

    public long ttftNanos() {
        return queueNanos + serviceTtftNanos();
    }

    public double ttftMs() {
        return ttftNanos() / 1e6;
    }

    public double tpotMs() {
        return timings.tpotMs();
    }

    public long latencyNanos() {
        return queueNanos + timings.endNanos() - timings.submitNanos();
    }

    public double latencyMs() {
        return latencyNanos() / 1e6;
    }
}
