package dev.tunebench.stats;

import java.util.function.DoubleUnaryOperator;

/**
 * The smallest true difference a set of n rows would detect with the given power at two-sided level
 * alpha (defaults 0.05 and 0.8). Shown next to each comparison so a team can tell "no difference" from
 * "the set is too small to tell".
 */
public final class MinimumDetectableEffect {

    public static final double DEFAULT_ALPHA = 0.05;
    public static final double DEFAULT_POWER = 0.8;

    private static final int BISECTION_STEPS = 100;

    private MinimumDetectableEffect() {
    }

    public static double pairedBinary(int n, double discordantShare) {
        return pairedBinary(n, discordantShare, DEFAULT_ALPHA, DEFAULT_POWER);
    }

    /**
     * Paired binary comparison (McNemar), from Connor's sample-size formula (Connor 1987, Biometrics
     * 43:207): n = [z(1-α/2) √ψ + z(power) √(ψ - δ²)]² / δ², with ψ the observed share of discordant
     * rows and δ the difference of rates. Solved for δ in closed form (the larger root of the squared
     * equation). NaN when ψ = 0: with no discordant rows the data say nothing about how often the sides
     * would disagree. A result above ψ means no difference is detectable at this discordance.
     */
    public static double pairedBinary(int n, double discordantShare, double alpha, double power) {
        checkN(n);
        if (!(discordantShare > 0 && discordantShare <= 1)) {
            return Double.NaN;
        }
        double zAlpha = Proportions.twoSidedZ(1 - alpha);
        double zPower = Proportions.oneSidedZ(power);
        double rootN = Math.sqrt(n);
        double a = zAlpha * Math.sqrt(discordantShare);
        double scale = n + zPower * zPower;
        // (√n δ - a)² = zPower² (ψ - δ²)  ⇔  scale δ² - 2 √n a δ + a² - zPower² ψ = 0.
        double discriminant = zPower * zPower * (discordantShare * scale - a * a);
        return (rootN * a + Math.sqrt(Math.max(0, discriminant))) / scale;
    }

    public static double singleProportion(int n, double rate) {
        return singleProportion(n, rate, DEFAULT_ALPHA, DEFAULT_POWER);
    }

    /**
     * One proportion against its observed rate p0, normal approximation of the one-sample test:
     * √n δ = z(1-α/2) √(p0 q0) + z(power) √(p1 q1), with p1 = p0 ± δ moved towards 1/2 (the direction
     * with more variance, so the answer is conservative). Solved by bisection: the left side minus the
     * right is convex in δ and not positive at δ = 0, so it has one root. Unlike the shortcut
     * (z + z) √(p q / n) it stays positive at p0 = 0 or 1. NaN when even the largest move is undetectable.
     */
    public static double singleProportion(int n, double rate, double alpha, double power) {
        checkN(n);
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be in [0, 1], got " + rate);
        }
        double zAlpha = Proportions.twoSidedZ(1 - alpha);
        double zPower = Proportions.oneSidedZ(power);
        double sign = rate <= 0.5 ? 1 : -1;
        double maxMove = rate <= 0.5 ? 1 - rate : rate;
        double nullSpread = zAlpha * Math.sqrt(rate * (1 - rate));
        double rootN = Math.sqrt(n);
        DoubleUnaryOperator gap = delta -> {
            double moved = rate + sign * delta;
            return rootN * delta - nullSpread - zPower * Math.sqrt(Math.max(0, moved * (1 - moved)));
        };
        if (gap.applyAsDouble(maxMove) <= 0) {
            return Double.NaN;
        }
        double low = 0;
        double high = maxMove;
        for (int step = 0; step < BISECTION_STEPS; step++) {
            double middle = (low + high) / 2;
            if (gap.applyAsDouble(middle) > 0) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return high;
    }

    private static void checkN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
    }
}
