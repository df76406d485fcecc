package dev.tunebench.perf;

/** How much to run: a number of requests, or a duration (requests in flight then complete). */
public sealed interface Budget permits Budget.Requests, Budget.Duration {

    /** Whether another request may be issued after {@code issued} requests, {@code elapsedNanos} in. */
    boolean allowsMore(long issued, long elapsedNanos);

    /** A count budget can be met exactly; a duration always issues at least one request. */
    record Requests(int count) implements Budget {
        public Requests {
            if (count < 1) {
                throw new IllegalArgumentException("a request budget must be >= 1, got " + count);
            }
        }

        @Override
        public boolean allowsMore(long issued, long elapsedNanos) {
            return issued < count;
        }
    }

    record Duration(double seconds) implements Budget {
        public Duration {
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("a duration must be > 0 seconds, got " + seconds);
            }
        }

        @Override
        public boolean allowsMore(long issued, long elapsedNanos) {
            return issued == 0 || elapsedNanos < (long) (seconds * 1e9);
        }
    }

    static Budget requests(int count) {
        return new Requests(count);
    }

    static Budget seconds(double seconds) {
        return new Duration(seconds);
    }
}
