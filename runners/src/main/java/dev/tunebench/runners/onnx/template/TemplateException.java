package dev.tunebench.runners.onnx.template;

/**
 * A template that cannot be rendered: {@link Kind#RAISED} carries the text the template passed to
 * {@code raise_exception}; the others carry the reason in jinja2's terms and the template line.
 */
public final class TemplateException extends RuntimeException {
    /** Why the render stopped. */
    public enum Kind {
        /** The template called raise_exception(message). */
        RAISED,
        /** The template does not parse. */
        SYNTAX,
        /** jinja2 would raise too: a type error, an undefined value used, a missing feature. */
        ERROR,
        /** A sandbox limit (output size, work, time, recursion, range length). */
        LIMIT
    }

    private final Kind kind;
    private final int line;

    public TemplateException(Kind kind, String message, int line) {
        super(message, null, false, false);
        this.kind = kind;
        this.line = line;
    }

    public Kind kind() {
        return kind;
    }

    /** The template line (1-based), or 0 when unknown. */
    public int line() {
        return line;
    }

    TemplateException atLine(int newLine) {
        return line > 0 || newLine <= 0 ? this : new TemplateException(kind, getMessage(), newLine);
    }

    static TemplateException error(String message) {
        return new TemplateException(Kind.ERROR, message, 0);
    }
}
