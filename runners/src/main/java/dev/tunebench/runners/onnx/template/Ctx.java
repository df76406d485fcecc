package dev.tunebench.runners.onnx.template;

/** The state of one render: its budget, the current frame and where text goes. */
final class Ctx {
    final Budget budget;
    Scope scope;
    StringBuilder out;

    Ctx(Budget budget, Scope scope) {
        this.budget = budget;
        this.scope = scope;
        this.out = new StringBuilder(256);
    }

    void write(String s) {
        budget.size((long) out.length() + s.length());
        out.append(s);
    }
}
