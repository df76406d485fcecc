package dev.tunebench.runners.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps one endpoint's requests and tokens under {@code rpm}/{@code tpm}: two token buckets that refill
 * continuously and hold one second's worth (at least one request, or one request's tokens), so requests
 * are spread over the minute instead of bursting into a 429. A caller reserves first and then waits until
 * its reservation is paid back, which keeps callers in arrival order. The buckets also learn from the
 * server: {@code x-ratelimit-remaining-*} caps what they think is left, a remaining count of 0 with
 * {@code x-ratelimit-reset-*}, or a 429's {@code retry-after}, holds every request until then.
 */
final class RateLimiter {
    /** Time, so tests can run the limiter on a clock of their own. */
    interface Clock {
        long nanoTime();

        void sleep(long nanos) throws InterruptedException;
    }

    static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
    private static final long MINUTE = 60_000_000_000L;

    private final Clock clock;
    private final Bucket requests;
    private final Bucket tokens;
    private long heldUntil;

    /** @param rpm requests per minute, 0 for no limit; @param tpm tokens per minute, 0 for no limit */
    RateLimiter(int rpm, int tpm, Clock clock) {
        this.clock = clock;
        long now = clock.nanoTime();
        this.requests = rpm > 0 ? new Bucket(rpm, now) : null;
        this.tokens = tpm > 0 ? new Bucket(tpm, now) : null;
        this.heldUntil = now;
    }

    boolean limits() {
        return requests != null || tokens != null;
    }

    /** Waits until one request of about {@code tokenCost} tokens may go; returns how long it waited, in nanoseconds. */
    long acquire(long tokenCost) throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = clock.nanoTime();
            long until = heldUntil;
            if (requests != null) {
                until = Math.max(until, requests.reserve(1, now));
            }
            if (tokens != null) {
                until = Math.max(until, tokens.reserve(tokenCost, now));
            }
            wait = Math.max(0, until - now);
        }
        if (wait > 0) {
            clock.sleep(wait);
        }
        return wait;
    }

    /** The answer used {@code actual} tokens where {@code reserved} were set aside: the difference goes back (or is owed). */
    synchronized void settle(long reserved, long actual) {
        if (tokens != null && actual >= 0) {
            tokens.refill(clock.nanoTime());
            tokens.level = Math.min(tokens.capacity, tokens.level + reserved - actual);
        }
    }

    /** Learns from a response's rate-limit headers; {@code retryAfter} is a 429's requested wait, or null. */
    synchronized void learn(HttpHeaders headers, Duration retryAfter) {
        long now = clock.nanoTime();
        if (retryAfter != null) {
            heldUntil = Math.max(heldUntil, now + retryAfter.toNanos());
        }
        learn(headers, "requests", requests, now);
        learn(headers, "tokens", tokens, now);
    }

    private void learn(HttpHeaders headers, String kind, Bucket bucket, long now) {
        Optional<Long> remaining = headers.firstValue("x-ratelimit-remaining-" + kind).flatMap(RateLimiter::whole);
        if (remaining.isEmpty()) {
            return;
        }
        if (bucket != null) {
            bucket.refill(now);
            bucket.level = Math.min(bucket.level, remaining.get());
        }
        if (remaining.get() <= 0) {
            headers.firstValue("x-ratelimit-reset-" + kind).map(RateLimiter::duration).ifPresent(reset ->
                    heldUntil = Math.max(heldUntil, now + reset.toNanos()));
        }
    }

    /** {@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 1h2m3.5s} as OpenAI sends them, or plain seconds; null if neither. */
    static Duration duration(String text) {
        String t = text.trim();
        try {
            double seconds = Double.parseDouble(t);
            return seconds >= 0 && Double.isFinite(seconds) ? Duration.ofNanos((long) (seconds * 1e9)) : null;
        } catch (NumberFormatException notSeconds) {
            // a Go-style duration
        }
        Matcher m = DURATION.matcher(t);
        double nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            double v = Double.parseDouble(m.group(1));
            nanos += v * switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            end = m.end();
        }
        return end == t.length() && end > 0 ? Duration.ofNanos((long) nanos) : null;
    }

    private static Optional<Long> whole(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A bucket of {@code perMinute} that may run into debt; a reservation waits until its debt is repaid. */
    private static final class Bucket {
        final double perNano;
        final double capacity;
        double level;
        long last;

        Bucket(int perMinute, long now) {
            this.perNano = perMinute / (double) MINUTE;
            this.capacity = Math.max(1, perMinute / 60.0);
            this.level = capacity;
            this.last = now;
        }

        void refill(long now) {
            level = Math.min(capacity, level + (now - last) * perNano);
            last = now;
        }

        /** Takes {@code cost} now and returns when the bucket is back at zero (now, if it did not go below). */
        long reserve(long cost, long now) {
            refill(now);
            level -= cost;
            return level >= 0 ? now : now + (long) Math.ceil(-level / perNano);
        }
    }
}
