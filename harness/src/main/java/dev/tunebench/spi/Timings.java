package dev.tunebench.spi;

/**
 * Monotonic {@link System#nanoTime()} stamps of one request: when it was submitted, when each
 * generated token (including a final eos token) became available, and when the result was complete.
 * {@code tokenNanos[0]} is the first token. {@code perToken} is false when only the whole request's
 * duration is known (an answer replayed from a file): time to first token and per token are then NaN.
 */
public record Timings(long submitNanos, long[] tokenNanos, long endNanos, boolean perToken) {
    public Timings {
        tokenNanos = tokenNanos.clone();
    }

    public Timings(long submitNanos, long[] tokenNanos, long endNanos) {
        this(submitNanos, tokenNanos, endNanos, true);
    }

    /** Only the end-to-end latency of a request, e.g. as a file of outputs made elsewhere recorded it. */
    public static Timings latencyOnly(double latencyMs) {
        return new Timings(0, new long[0], Math.round(latencyMs * 1e6), false);
    }

    public double ttftMs() {
        if (!perToken) {
            return Double.NaN;
        }
        return tokenNanos.length == 0 ? latencyMs() : (tokenNanos[0] - submitNanos) / 1e6;
    }

    public double latencyMs() {
        return (endNanos - submitNanos) / 1e6;
    }

    /** Gaps between consecutive tokens, in milliseconds (one fewer than the tokens). */
    public double[] interTokenMs() {
        double[] gaps = new double[Math.max(0, tokenNanos.length - 1)];
        for (int i = 1; i < tokenNanos.length; i++) {
            gaps[i - 1] = (tokenNanos[i] - tokenNanos[i - 1]) / 1e6;
        }
        return gaps;
    }

    /** Mean time per output token after the first (TPOT); 0 when fewer than two tokens. */
    public double tpotMs() {
        if (!perToken) {
            return Double.NaN;
        }
        return tokenNanos.length < 2 ? 0 : (tokenNanos[tokenNanos.length - 1] - tokenNanos[0]) / 1e6 / (tokenNanos.length - 1);
    }

    @Override
    public long[] tokenNanos() {
        return tokenNanos.clone();
    }
}
