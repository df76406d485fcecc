package dev.tunebench.runners.onnx.template;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions a template can call, and only these: jinja2's range, namespace and dict, and
 * transformers' raise_exception and strftime_now (read from an injectable clock).
 */
final class Globals {
    private final Clock clock;
    private final Budget budget;

    Globals(Clock clock, Budget budget) {
        this.clock = clock;
        this.budget = budget;
    }

    void install(Scope scope) {
        scope.set("range", (Callable) (a, k) -> range(a));
        scope.set("namespace", (Callable) (a, k) -> namespace(a, k));
        scope.set("dict", (Callable) (a, k) -> new LinkedHashMap<Object, Object>(k));
        scope.set("raise_exception", (Callable) (a, k) -> {
            throw new TemplateException(TemplateException.Kind.RAISED, Py.str(a.isEmpty() ? "" : a.get(0)), 0);
        });
        scope.set("strftime_now", (Callable) (a, k) ->
                Strftime.format(LocalDateTime.now(clock), Py.str(a.isEmpty() ? "" : a.get(0))));
    }

    private List<Object> range(List<Object> a) {
        for (Object o : a) {
            if (o instanceof Undefined u) {
                throw u.fail();
            }
            if (!Py.isInt(o)) {
                throw TemplateException.error("'" + Py.typeName(o) + "' object cannot be interpreted as an integer");
            }
        }
        long start = a.size() > 1 ? Py.toLong(a.get(0)) : 0;
        long stop = a.size() > 1 ? Py.toLong(a.get(1)) : a.isEmpty() ? 0 : Py.toLong(a.get(0));
        long step = a.size() > 2 ? Py.toLong(a.get(2)) : 1;
        if (step == 0) {
            throw TemplateException.error("range() arg 3 must not be zero");
        }
        long length = step > 0 ? Math.max(0, (stop - start + step - 1) / step) : Math.max(0, (start - stop - step - 1) / -step);
        if (length > Limits.MAX_RANGE) {
            throw new TemplateException(TemplateException.Kind.LIMIT, "Range too big. The sandbox blocks ranges larger "
                    + "than MAX_RANGE (" + Limits.MAX_RANGE + ").", 0);
        }
        budget.size(length);
        List<Object> out = new ArrayList<>((int) length);
        for (long i = 0; i < length; i++) {
            out.add(start + i * step);
        }
        return out;
    }

    private static Namespace namespace(List<Object> a, Map<String, Object> k) {
        Namespace ns = new Namespace();
        for (Object o : a) {
            if (o instanceof Map<?, ?> m) {
                m.forEach((key, v) -> ns.attributes.put(Py.str(key), v));
            }
        }
        ns.attributes.putAll(k);
        return ns;
    }
}
