package dev.tunebench.perf;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told: parking jumps straight to the deadline. */
final class FakeTicker implements Ticker {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void parkUntil(long deadlineNanos) {
        now.accumulateAndGet(deadlineNanos, Math::max);
    }

    /** Moves the clock on; returns the new time. */
    long advance(long nanos) {
        return now.addAndGet(nanos);
    }
}
