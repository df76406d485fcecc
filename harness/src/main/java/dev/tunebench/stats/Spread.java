package dev.tunebench.stats;

/**
 * A metric's spread across repeats (one value per repeat): the run's noise floor. {@code sd} is the
 * sample standard deviation, NaN with fewer than two repeats.
 */
public record Spread(double min, double max, double mean, double sd, int repeats) {

    public double range() {
        return max - min;
    }
}
