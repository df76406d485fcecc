package dev.tunebench.gate;

/**
 * What a gate measured: for a threshold the cell's summary figure and its 95% interval; for a relative gate
 * the difference candidate − reference and its interval (with the full {@link Difference}). Nulls where
 * there was nothing to measure.
 */
public record Measurement(Double value, Double ciLow, Double ciHigh, String method, Integer n, Difference difference) {

    public static Measurement none() {
        return new Measurement(null, null, null, null, null, null);
    }

    public static Measurement figure(double value, Double ciLow, Double ciHigh, String method, Integer n) {
        return new Measurement(value, ciLow, ciHigh, method, n, null);
    }

    public static Measurement of(Difference d) {
        boolean defined = d.interval().isDefined();
        return new Measurement(d.difference(), defined ? d.interval().low() : null, defined ? d.interval().high() : null,
                d.interval().method(), d.n(), d);
    }

    public boolean hasInterval() {
        return ciLow != null && ciHigh != null;
    }
}
