package dev.tunebench.stats;

/**
 * A two-sided interval and the name of the method that produced it (e.g. {@code wilson}). Bounds are
 * {@code NaN} when the interval is undefined, e.g. over zero rows; JSON writers turn those into null.
 */
public record Interval(double low, double high, String method) {

    public Interval {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("an interval must name its method");
        }
        if (low > high) {
            throw new IllegalArgumentException("interval low " + low + " is above high " + high);
        }
    }

    public static Interval undefined(String method) {
        return new Interval(Double.NaN, Double.NaN, method);
    }

    public boolean isDefined() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    public double width() {
        return high - low;
    }
}
