package dev.tunebench.runners.onnx.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A parsed statement; rendering it writes to the context and says whether a loop must break or continue. */
sealed interface Node {
    enum Flow { NORMAL, BREAK, CONTINUE }

    Flow render(Ctx c);

    /** Renders statements in order, naming the template line of any error that carries none. */
    static Flow all(List<Node> body, Ctx c) {
        for (Node n : body) {
            c.budget.step();
            Flow f;
            try {
                f = n.render(c);
            } catch (TemplateException e) {
                throw e.atLine(n instanceof Lined l ? l.line() : 0);
            }
            if (f != Flow.NORMAL) {
                return f;
            }
        }
        return Flow.NORMAL;
    }

    /** A statement that knows its template line. */
    interface Lined {
        int line();
    }

    record Text(String text) implements Node {
        public Flow render(Ctx c) {
            c.write(text);
            return Flow.NORMAL;
        }
    }

    record Print(Expr value, int line) implements Node, Lined {
        public Flow render(Ctx c) {
            c.write(Py.str(value.eval(c)));
            return Flow.NORMAL;
        }
    }

    record Body(List<Node> body) implements Node {
        public Flow render(Ctx c) {
            return all(body, c);
        }
    }

    record If(List<Expr> tests, List<List<Node>> bodies, List<Node> orElse, int line) implements Node, Lined {
        public Flow render(Ctx c) {
            for (int i = 0; i < tests.size(); i++) {
                if (Py.truthy(tests.get(i).eval(c))) {
                    return all(bodies.get(i), c);
                }
            }
            return all(orElse, c);
        }
    }

    record For(List<String> targets, Expr iterable, Expr filter, List<Node> body, List<Node> orElse, int line)
            implements Node, Lined {
        /** As in jinja2, each iteration starts from the enclosing variables: a set inside the body is lost. */
        public Flow render(Ctx c) {
            Scope outer = c.scope;
            try {
                List<Object> items = Py.list(iterable.eval(c));
                if (filter != null) {
                    List<Object> kept = new ArrayList<>();
                    for (Object item : items) {
                        c.budget.step();
                        c.scope = new Scope(outer);
                        bind(item, c);
                        if (Py.truthy(filter.eval(c))) {
                            kept.add(item);
                        }
                    }
                    items = kept;
                }
                LoopInfo loop = new LoopInfo(items);
                for (int i = 0; i < items.size(); i++) {
                    c.budget.step();
                    c.scope = new Scope(outer);
                    c.scope.set("loop", loop);
                    loop.index0 = i;
                    bind(items.get(i), c);
                    if (all(body, c) == Flow.BREAK) {
                        break;
                    }
                }
                c.scope = outer;
                return items.isEmpty() ? all(orElse, c) : Flow.NORMAL;
            } finally {
                c.scope = outer;
            }
        }

        private void bind(Object item, Ctx c) {
            assign(targets, item, c);
        }
    }

    record Set(List<String> targets, Expr value, int line) implements Node, Lined {
        public Flow render(Ctx c) {
            assign(targets, value.eval(c), c);
            return Flow.NORMAL;
        }
    }

    record SetAttr(String target, String attribute, Expr value, int line) implements Node, Lined {
        public Flow render(Ctx c) {
            Object ns = c.scope.get(target);
            if (!(ns instanceof Namespace namespace)) {
                throw TemplateException.error("cannot assign attribute on non-namespace object");
            }
            namespace.attributes.put(attribute, value.eval(c));
            return Flow.NORMAL;
        }
    }

    record SetBlock(String target, List<Node> body, int line) implements Node, Lined {
        public Flow render(Ctx c) {
            c.scope.set(target, capture(body, c));
            return Flow.NORMAL;
        }
    }

    /** {@code {% filter f | g %}...{% endfilter %}}: the filters applied to the body's text. */
    record FilterBlock(Expr filters, List<Node> body, int line) implements Node, Lined {
        /** The body's text, under a name no template can spell. */
        static final String BODY = "\u0000body";

        public Flow render(Ctx c) {
            String text = capture(body, c);
            Scope outer = c.scope;
            c.scope = new Scope(outer);
            try {
                c.scope.set(BODY, text);
                c.write(Py.str(filters.eval(c)));
            } finally {
                c.scope = outer;
            }
            return Flow.NORMAL;
        }
    }

    record Macro(String name, List<String> params, List<Expr> defaults, List<Node> body, int line)
            implements Node, Lined {
        public Flow render(Ctx c) {
            Scope definedIn = c.scope;
            c.scope.set(name, (Callable) (args, kwargs) -> call(definedIn, args, kwargs, c));
            return Flow.NORMAL;
        }

        private String call(Scope definedIn, List<Object> args, Map<String, Object> kwargs, Ctx c) {
            Scope outer = c.scope;
            c.scope = new Scope(definedIn);
            c.budget.enter();
            try {
                List<Object> extra = new ArrayList<>();
                for (int i = 0; i < params.size(); i++) {
                    String p = params.get(i);
                    Object v = i < args.size() ? args.get(i) : kwargs.containsKey(p) ? kwargs.get(p)
                            : defaults.get(i) != null ? defaults.get(i).eval(c) : Undefined.named(p);
                    c.scope.set(p, v);
                }
                for (int i = params.size(); i < args.size(); i++) {
                    extra.add(args.get(i));
                }
                c.scope.set("varargs", extra);
                c.scope.set("kwargs", kwargs);
                return capture(body, c);
            } finally {
                c.budget.exit();
                c.scope = outer;
            }
        }
    }

    record Break() implements Node {
        public Flow render(Ctx c) {
            return Flow.BREAK;
        }
    }

    record Continue() implements Node {
        public Flow render(Ctx c) {
            return Flow.CONTINUE;
        }
    }

    static String capture(List<Node> body, Ctx c) {
        StringBuilder outer = c.out;
        c.out = new StringBuilder();
        try {
            all(body, c);
            return c.out.toString();
        } finally {
            c.out = outer;
        }
    }

    static void assign(List<String> targets, Object value, Ctx c) {
        if (targets.size() == 1) {
            c.scope.set(targets.get(0), value);
            return;
        }
        List<Object> parts = Py.list(value);
        if (parts.size() != targets.size()) {
            throw TemplateException.error(parts.size() > targets.size() ? "too many values to unpack (expected "
                    + targets.size() + ")" : "not enough values to unpack (expected " + targets.size() + ", got "
                    + parts.size() + ")");
        }
        for (int i = 0; i < targets.size(); i++) {
            c.scope.set(targets.get(i), parts.get(i));
        }
    }
}
