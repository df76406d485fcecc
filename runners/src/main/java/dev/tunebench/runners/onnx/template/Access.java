package dev.tunebench.runners.onnx.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** jinja2's sandboxed {@code obj.name} and {@code obj[key]}, with Python's indexing and slicing. */
final class Access {
    /** Methods the immutable sandbox refuses: they would change a value the caller passed in. */
    private static final Set<String> MUTATORS = Set.of("append", "extend", "insert", "pop", "remove", "clear", "sort",
            "reverse", "update", "setdefault", "popitem");

    private Access() {
    }

    static Object attribute(Object obj, String name, Budget budget) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        if (name.startsWith("_") || MUTATORS.contains(name) && (obj instanceof List || obj instanceof Map)) {
            return new Undefined("access to attribute '" + name + "' of '" + Py.typeName(obj) + "' object is unsafe");
        }
        if (obj instanceof Map<?, ?> map) {
            Callable method = Methods.forDict(map, name);
            if (method != null) {
                return method;
            }
            return map.containsKey(name) ? map.get(name) : Undefined.noAttribute(obj, name);
        }
        if (obj instanceof Namespace ns) {
            return ns.attributes.containsKey(name) ? ns.attributes.get(name) : Undefined.noAttribute(obj, name);
        }
        if (obj instanceof LoopInfo loop) {
            return loop.attribute(name);
        }
        Callable method = obj instanceof String s ? Methods.forString(s, name, budget)
                : obj instanceof List<?> l ? Methods.forList(l, name) : null;
        return method != null ? method : Undefined.noAttribute(obj, name);
    }

    static Object item(Object obj, Object key, Budget budget) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        if (key instanceof Undefined u) {
            throw u.fail();
        }
        if (obj instanceof Map<?, ?> map) {
            if (map.containsKey(key)) {
                return map.get(key);
            }
            return key instanceof String s ? attribute(obj, s, budget) : Undefined.noElement(obj, key);
        }
        if ((obj instanceof List || obj instanceof String) && Py.isInt(key)) {
            List<?> seq = obj instanceof String s ? Py.chars(s) : (List<?>) obj;
            long i = Py.toLong(key);
            long at = i < 0 ? i + seq.size() : i;
            return at >= 0 && at < seq.size() ? seq.get((int) at) : Undefined.noElement(obj, key);
        }
        return key instanceof String s && !(obj instanceof Namespace) ? attribute(obj, s, budget)
                : obj instanceof Namespace ns ? attribute(ns, Py.str(key), budget) : Undefined.noElement(obj, key);
    }

    /** Python's seq[start:stop:step] on a list or a string. */
    static Object slice(Object obj, Object start, Object stop, Object step) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        boolean string = obj instanceof String;
        if (!string && !(obj instanceof List)) {
            throw TemplateException.error("'" + Py.typeName(obj) + "' object is not subscriptable");
        }
        List<?> seq = string ? Py.chars((String) obj) : (List<?>) obj;
        int n = seq.size();
        long st = step == null ? 1 : index(step);
        if (st == 0) {
            throw TemplateException.error("slice step cannot be zero");
        }
        long lo = st > 0 ? bound(start, n, 0, 0, n) : bound(start, n, n - 1, -1, n - 1);
        long hi = st > 0 ? bound(stop, n, n, 0, n) : bound(stop, n, -1, -1, n - 1);
        List<Object> out = new ArrayList<>();
        for (long i = lo; st > 0 ? i < hi : i > hi; i += st) {
            out.add(seq.get((int) i));
        }
        if (!string) {
            return out;
        }
        StringBuilder b = new StringBuilder();
        out.forEach(c -> b.append((String) c));
        return b.toString();
    }

    private static long bound(Object v, int n, long dflt, long min, long max) {
        if (v == null) {
            return dflt;
        }
        long i = index(v);
        if (i < 0) {
            i += n;
        }
        return Math.max(min, Math.min(max, i));
    }

    private static long index(Object v) {
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        if (!Py.isInt(v)) {
            throw TemplateException.error("slice indices must be integers or None");
        }
        return Py.toLong(v);
    }
}
