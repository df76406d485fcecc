package dev.tunebench.spi;

/**
 * Monotonic {@link System#nanoTime()} stamps of one request: when it was submitted, when each
 * generated token (including a final eos token) became available, and when the result was complete.
 * {@code tokenNanos[0]} is the first token.
 */
public record Timings(long submitNanos, long[] tokenNanos, long endNanos) {
    public Timings {
        tokenNanos = tokenNanos.clone();
    }

    public double ttftMs() {
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
        return tokenNanos.length < 2 ? 0 : (tokenNanos[tokenNanos.length - 1] - tokenNanos[0]) / 1e6 / (tokenNanos.length - 1);
    }

    @Override
    public long[] tokenNanos() {
        return tokenNanos.clone();
    }
}
