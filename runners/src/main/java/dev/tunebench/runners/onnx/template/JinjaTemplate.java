package dev.tunebench.runners.onnx.template;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A chat template parsed once and rendered as jinja2 renders it in transformers: an immutable sandbox
 * with trim_blocks, lstrip_blocks, loop controls and {% generation %}, Python value semantics, no
 * template loader, and only the variables the caller passes plus range, namespace, dict,
 * raise_exception and strftime_now. Renders are bounded by {@link Limits}; a parsed template is
 * immutable and may be rendered from several threads at once.
 */
public final class JinjaTemplate {
    private final List<Node> body;
    private final Clock clock;
    private final Limits limits;

    private JinjaTemplate(List<Node> body, Clock clock, Limits limits) {
        this.body = body;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * @throws TemplateException when the source does not parse (kind SYNTAX or LIMIT)
     */
    public static JinjaTemplate parse(String source, Clock clock, Limits limits) {
        try {
            return new JinjaTemplate(List.copyOf(Parser.parse(source)), clock, limits);
        } catch (StackOverflowError e) {
            throw Budget.limit("it nests too deeply to parse");
        }
    }

    /**
     * Renders with the given variables, which must be JSON-like (strings, numbers, booleans, null, lists,
     * maps); an absent variable is undefined for the template, a null one is None.
     *
     * @throws TemplateException when jinja2 would raise, or a limit is hit
     */
    public String render(Map<String, ?> variables) {
        Budget budget = new Budget(limits);
        Globals globals = new Globals(clock, budget);
        Scope root = new Scope(null);
        globals.install(root);
        Scope top = new Scope(root);
        variables.forEach((k, v) -> top.set(k, Py.fromJava(v)));
        Ctx ctx = new Ctx(budget, top);
        try {
            Node.all(body, ctx);
        } catch (StackOverflowError e) {
            throw Budget.limit("it recursed too deeply");
        }
        return ctx.out.toString();
    }
}
