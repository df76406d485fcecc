package dev.tunebench.gate;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The comparison of a threshold gate, written as in the suite: {@code >=}, {@code >}, {@code <=}, {@code <}. */
public enum Op {
    AT_LEAST(">="),
    ABOVE(">"),
    AT_MOST("<="),
    BELOW("<");

    private final String symbol;

    Op(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double value, double threshold) {
        return switch (this) {
            case AT_LEAST -> value >= threshold;
            case ABOVE -> value > threshold;
            case AT_MOST -> value <= threshold;
            case BELOW -> value < threshold;
        };
    }

    /** Null when {@code symbol} is not one of the four. */
    static Op ofSymbol(String symbol) {
        return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst().orElse(null);
    }

    static String symbols() {
        return Arrays.stream(values()).map(o -> "\"" + o.symbol + "\"").collect(Collectors.joining(", "));
    }
}
