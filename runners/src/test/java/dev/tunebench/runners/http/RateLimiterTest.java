package dev.tunebench.runners.http;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limiter on a clock of its own: when each request may go, and what the server's headers teach it. */
class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    /** A clock that only moves when someone sleeps. */
    private static final class FakeClock implements RateLimiter.Clock {
        long now = 5 * SECOND;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(long nanos) {
            now += nanos;
        }
    }

    @Test
    void requestsPerMinuteAreSpreadOverTheMinute() throws Exception {
        FakeClock clock = new FakeClock();
        RateLimiter limiter = new RateLimiter(120, 0, clock);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            limiter.acquire(0);
            sent.add(clock.now);
        }
        // 120 a minute with one second's worth (2) at once: never more than 120 in any minute, nor 4 in any second.
        assertTrue(maxInWindow(sent, 60 * SECOND) <= 120 + 2, "per minute: " + maxInWindow(sent, 60 * SECOND));
        assertTrue(maxInWindow(sent, SECOND) <= 4, "per second: " + maxInWindow(sent, SECOND));
        assertEquals(sent.get(0), sent.get(1), "the first second's worth goes at once");
        assertEquals(SECOND / 2, sent.get(2) - sent.get(1), "then one every 0.5 s");
    }

    @Test
    void tokensPerMinuteHoldALargeRequestUntilItsTokensAreThere() throws Exception {
        FakeClock clock = new FakeClock();
        RateLimiter limiter = new RateLimiter(0, 6000, clock);  // 100 tokens a second
        assertEquals(0, limiter.acquire(100));
        assertEquals(3 * SECOND, limiter.acquire(300), "300 tokens at 100 a second");
        // The answer used 100 of the 300 reserved: 200 come back (up to the bucket's size), so 100 may go at once.
        limiter.settle(300, 100);
        assertEquals(0, limiter.acquire(100));
    }

    @Test
    void aRemainingCountOfZeroHoldsEveryRequestUntilTheReset() throws Exception {
        FakeClock clock = new FakeClock();
        RateLimiter limiter = new RateLimiter(6000, 0, clock);
        limiter.learn(headers(Map.of("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1.5s")), null);
        assertEquals(3 * SECOND / 2, limiter.acquire(0));
        limiter.learn(headers(Map.of()), Duration.ofSeconds(2));  // a 429's retry-after holds the others too
        assertEquals(2 * SECOND, limiter.acquire(0));
    }

    @Test
    void headersAloneLimitAnEndpointWithoutRpm() throws Exception {
        FakeClock clock = new FakeClock();
        RateLimiter limiter = new RateLimiter(0, 0, clock);
        limiter.learn(headers(Map.of("x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "6m0s")), null);
        assertEquals(360 * SECOND, limiter.acquire(10));
    }

    @Test
    void resetDurationsAsServersSendThem() {
        assertEquals(Duration.ofMinutes(6), RateLimiter.duration("6m0s"));
        assertEquals(Duration.ofMillis(20), RateLimiter.duration("20ms"));
        assertEquals(Duration.ofMillis(3_723_500), RateLimiter.duration("1h2m3.5s"));
        assertEquals(Duration.ofMillis(500), RateLimiter.duration("0.5"));
        assertNull(RateLimiter.duration("soon"));
        assertNull(RateLimiter.duration("5sx"));
    }

    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> m = new java.util.HashMap<>();
        values.forEach((k, v) -> m.put(k, List.of(v)));
        return HttpHeaders.of(m, (a, b) -> true);
    }

    private static int maxInWindow(List<Long> stamps, long window) {
        int best = 0;
        int lo = 0;
        for (int hi = 0; hi < stamps.size(); hi++) {
            while (stamps.get(hi) - stamps.get(lo) >= window) {
                lo++;
            }
            best = Math.max(best, hi - lo + 1);
        }
        return best;
    }
}
