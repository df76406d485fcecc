package dev.tunebench.runners.onnx.template;

/**
 * The sandbox's bounds on one render. A chat template only turns messages into a string, so anything
 * near these bounds is hostile or broken, never a real prompt.
 *
 * @param maxChars      longest string a render may produce, the output or any value on the way
 * @param maxSteps      statements, loop iterations and calls a render may execute
 * @param maxMillis     wall-clock time a render may take
 * @param maxDepth      nesting of macro calls (jinja2 stops unbounded recursion with RecursionError)
 */
public record Limits(int maxChars, long maxSteps, long maxMillis, int maxDepth) {
    /** 4 M characters (a 1M-token prompt), 250,000 steps (real templates take a few thousand), 1 s, 200 nested calls. */
    public static final Limits DEFAULT = new Limits(4_000_000, 250_000, 1_000, 200);

    /** jinja2's sandbox refuses ranges longer than this (MAX_RANGE). */
    static final int MAX_RANGE = 100_000;
}
