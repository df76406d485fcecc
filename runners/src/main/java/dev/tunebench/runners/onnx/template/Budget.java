package dev.tunebench.runners.onnx.template;

/** What one render has spent of its {@link Limits}; checked as it goes so a hostile template stops early. */
final class Budget {
    private final Limits limits;
    private final long deadline;
    private long steps;
    private int depth;

    Budget(Limits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.maxMillis() * 1_000_000L;
    }

    void step() {
        if (++steps > limits.maxSteps()) {
            throw limit("it executed more than " + limits.maxSteps() + " steps (statements, loop iterations, calls)");
        }
        if ((steps & 1023) == 0 && System.nanoTime() > deadline) {
            throw limit("it ran longer than " + limits.maxMillis() + " ms");
        }
    }

    /** Refuses a string or list about to grow past the size bound. */
    void size(long chars) {
        if (chars > limits.maxChars()) {
            throw limit("it produced more than " + limits.maxChars() + " characters");
        }
    }

    void enter() {
        if (++depth > limits.maxDepth()) {
            throw limit("macro calls nested deeper than " + limits.maxDepth() + " (unbounded recursion; jinja2 raises "
                    + "RecursionError)");
        }
    }

    void exit() {
        depth--;
    }

    static TemplateException limit(String what) {
        return new TemplateException(TemplateException.Kind.LIMIT, "the template was stopped because " + what
                + ": it looks hostile or broken", 0);
    }
}
