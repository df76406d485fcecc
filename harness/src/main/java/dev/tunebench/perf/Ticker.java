package dev.tunebench.perf;

import java.util.concurrent.locks.LockSupport;

/**
 * The monotonic clock of the load generator, injected so drivers run against a fake in tests. The
 * runners stamp tokens with {@link System#nanoTime()}, which {@link #SYSTEM} also reads.
 */
public interface Ticker {

    long nanoTime();

    /** Returns at or after {@code deadlineNanos} on this ticker's clock. */
    void parkUntil(long deadlineNanos);

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long deadlineNanos) {
            for (long left = deadlineNanos - System.nanoTime(); left > 0; left = deadlineNanos - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
    };
}
