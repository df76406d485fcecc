package dev.tunebench.cli;

/** Process exit codes: one meaning each, so CI can tell a failed gate from a broken input or a crash. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A gate decided no-go. */
    public static final int GATE_FAILED = 1;
    /** A bad flag, suite, data line or model folder. */
    public static final int USAGE = 2;
    /** A bug or an unexpected runtime failure: never mistaken for a no-go. */
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }
}
