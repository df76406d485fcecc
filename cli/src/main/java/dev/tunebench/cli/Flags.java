package dev.tunebench.cli;

import dev.tunebench.spi.InputException;

/** Range checks of numeric flags, so a bad value is a usage error (exit 2) naming the flag, never a crash. */
final class Flags {
    private Flags() {
    }

    /** {@code value} must be null (not given) or at least {@code min}. */
    static void atLeast(String flag, Integer value, int min) {
        if (value != null && value < min) {
            throw new InputException(flag + " must be at least " + min + ", got " + value + ".");
        }
    }
}
