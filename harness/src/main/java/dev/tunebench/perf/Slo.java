package dev.tunebench.perf;

import dev.tunebench.data.Suggestions;
import dev.tunebench.spi.InputException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service-level objective on one per-request figure, e.g. {@code ttft_ms <= 200}. A request meets
 * it when its figure is at or below the limit; goodput counts the requests that meet every SLO.
 */
public record Slo(Metric metric, double limitMs) {

    private static final Pattern SYNTAX = Pattern.compile("\\s*([a-z_]+)\\s*<=\\s*([0-9]+(?:\\.[0-9]+)?)\\s*");

    /** The per-request figures an SLO can bound; all are as a client sees them (queueing included). */
    public enum Metric {
        TTFT_MS(RequestTiming::ttftMs),
        TPOT_MS(RequestTiming::tpotMs),
        LATENCY_MS(RequestTiming::latencyMs),
        QUEUE_MS(RequestTiming::queueMs);

        private final ToDoubleFunction<RequestTiming> read;

        Metric(ToDoubleFunction<RequestTiming> read) {
            this.read = read;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        double of(RequestTiming request) {
            return read.applyAsDouble(request);
        }
    }

    public Slo {
        if (!(limitMs >= 0) || Double.isInfinite(limitMs)) {
            throw new IllegalArgumentException("an SLO limit must be a finite number >= 0, got " + limitMs);
        }
    }

    public boolean isMetBy(RequestTiming request) {
        return metric.of(request) <= limitMs;
    }

    /** Parses {@code ttft_ms<=200}; {@code where} names the flag or suite field for the error message. */
    public static Slo parse(String text, String where) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new InputException(where + ": cannot read the SLO '" + text + "'. Write METRIC<=MILLISECONDS, e.g. "
                    + "ttft_ms<=200, with METRIC one of " + metricNames() + ".");
        }
        return new Slo(metric(m.group(1), where), Double.parseDouble(m.group(2)));
    }

    /** The metric of a wire name such as {@code tpot_ms}. */
    public static Metric metric(String name, String where) {
        for (Metric metric : Metric.values()) {
            if (metric.wireName().equals(name)) {
                return metric;
            }
        }
        throw new InputException(where + ": unknown SLO metric '" + name + "'"
                + Suggestions.didYouMean(name, metricNames()) + ". Metrics: " + metricNames() + ".");
    }

    @Override
    public String toString() {
        return metric.wireName() + "<=" + (limitMs == Math.rint(limitMs) ? String.valueOf((long) limitMs) : String.valueOf(limitMs));
    }

    private static List<String> metricNames() {
        return Arrays.stream(Metric.values()).map(Metric::wireName).toList();
    }
}
