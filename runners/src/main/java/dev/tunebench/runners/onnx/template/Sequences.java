package dev.tunebench.runners.onnx.template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** jinja2's filters over sequences: map, select/reject(attr), sort, unique, min/max, sum. */
final class Sequences {
    private Sequences() {
    }

    static Object apply(String name, Object v, Args a, Ctx ctx) {
        List<Object> items = Py.list(v);
        List<Object> out = new ArrayList<>();
        if (name.equals("map")) {
            if (a.size() == 0 && a.keywords().containsKey("attribute")) {
                Object dflt = a.keywords().get("default");
                for (Object item : items) {
                    Object value = path(item, a.keywords().get("attribute"), ctx.budget);
                    out.add(value instanceof Undefined && dflt != null ? dflt : value);
                }
                return out;
            }
            String filter = Py.str(a.get(0, "", ""));
            Args rest = new Args(a.positional().subList(Math.min(1, a.size()), a.size()), a.keywords());
            for (Object item : items) {
                ctx.budget.step();
                out.add(Filters.apply(filter, item, rest, ctx));
            }
            return out;
        }
        boolean byAttribute = name.endsWith("attr");
        boolean keep = name.startsWith("select");
        int testAt = byAttribute ? 1 : 0;
        String test = a.size() > testAt ? Py.str(a.positional().get(testAt)) : null;
        List<Object> testArgs = a.size() > testAt + 1 ? a.positional().subList(testAt + 1, a.size()) : List.of();
        for (Object item : items) {
            ctx.budget.step();
            Object value = byAttribute ? path(item, a.positional().get(0), ctx.budget) : item;
            boolean passed = test == null ? Py.truthy(value) : Tests.apply(test, value, testArgs);
            if (passed == keep) {
                out.add(item);
            }
        }
        return out;
    }

    /** jinja2's make_attrgetter: "a.b" looks up a then b, each as item-then-attribute; digits index. */
    static Object path(Object item, Object attribute, Budget budget) {
        if (attribute == null) {
            return item;
        }
        Object value = item;
        for (String part : Py.str(attribute).split("\\.")) {
            Object key = part.chars().allMatch(Character::isDigit) && !part.isEmpty() ? (Object) Long.parseLong(part) : part;
            value = Access.item(value, key, budget);
        }
        return value;
    }

    static List<Object> attributes(Object v, Object attribute, Budget budget) {
        List<Object> items = Py.list(v);
        if (attribute == null) {
            return items;
        }
        List<Object> out = new ArrayList<>(items.size());
        items.forEach(i -> out.add(path(i, attribute, budget)));
        return out;
    }

    static Object sortKey(Object v, boolean caseSensitive) {
        return !caseSensitive && v instanceof String s ? s.toLowerCase(Locale.ROOT) : v;
    }

    static List<Object> sort(Object v, Args a, Budget budget) {
        List<Object> items = Py.list(v);
        boolean caseSensitive = a.flag(1, "case_sensitive");
        Object attribute = a.get(2, "attribute", null);
        Comparator<Object> order = (x, y) -> Py.compare(sortKey(path(x, attribute, budget), caseSensitive),
                sortKey(path(y, attribute, budget), caseSensitive), "<");
        items.sort(a.flag(0, "reverse") ? order.reversed() : order);
        return items;
    }

    static List<Object> unique(Object v, Args a, Budget budget) {
        boolean caseSensitive = a.flag(0, "case_sensitive");
        Object attribute = a.get(1, "attribute", null);
        List<Object> seen = new ArrayList<>();
        List<Object> out = new ArrayList<>();
        for (Object item : Py.list(v)) {
            Object key = sortKey(path(item, attribute, budget), caseSensitive);
            if (seen.stream().noneMatch(s -> Py.eq(s, key))) {
                seen.add(key);
                out.add(item);
            }
        }
        return out;
    }

    static Object extreme(Object v, Args a, boolean max, Budget budget) {
        boolean caseSensitive = a.flag(0, "case_sensitive");
        Object attribute = a.get(1, "attribute", null);
        Object best = null;
        boolean found = false;
        for (Object item : Py.list(v)) {
            if (!found || Py.compare(sortKey(path(item, attribute, budget), caseSensitive),
                    sortKey(path(best, attribute, budget), caseSensitive), "<") * (max ? 1 : -1) > 0) {
                best = item;
                found = true;
            }
        }
        return found ? best : new Undefined("No aggregated item, sequence was empty.");
    }

    static Object sum(Object v, Args a, Ctx ctx) {
        Object total = a.get(1, "start", 0L);
        for (Object item : attributes(v, a.get(0, "attribute", null), ctx.budget)) {
            total = Ops.binary("+", total, item, ctx.budget);
        }
        return total;
    }

}
