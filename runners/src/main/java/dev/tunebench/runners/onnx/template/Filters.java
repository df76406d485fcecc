package dev.tunebench.runners.onnx.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** jinja2's built-in filters that chat templates use, with transformers' tojson. */
final class Filters {
    static final Set<String> NAMES = Set.of("abs", "attr", "capitalize", "center", "count", "d", "default", "dictsort",
            "e", "escape", "first", "float", "forceescape", "indent", "int", "items", "join", "last", "length", "list",
            "lower", "map", "max", "min", "reject", "rejectattr", "replace", "reverse", "round", "safe", "select",
            "selectattr", "sort", "string", "sum", "title", "tojson", "trim", "unique", "upper", "wordcount");
    private static final Pattern WORD_BEGINNING = Pattern.compile("([-\\s({\\[<]+)", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    private Filters() {
    }

    static Object apply(String name, Object v, Args a, Ctx ctx) {
        switch (name) {
            case "abs":
                return Py.isInt(v) ? (Object) Math.abs(Py.toLong(v)) : (Object) Math.abs(number(v));
            case "attr":
                return Access.attribute(v, Py.str(a.get(0, "name", "")), ctx.budget);
            case "capitalize":
                return Strings.capitalize(text(v));
            case "center":
                return center(text(v), (int) Math.min(Integer.MAX_VALUE, sized(Py.toLong(a.get(0, "width", 80L)), ctx)));
            case "count":
            case "length":
                return (long) Py.length(v);
            case "d":
            case "default":
                return v instanceof Undefined || a.flag(1, "boolean") && !Py.truthy(v) ? a.get(0, "default_value", "") : v;
            case "dictsort":
                return dictsort(v, a);
            case "e":
            case "escape":
            case "forceescape":
                return escape(text(v));
            case "first":
                return first(Py.list(v), "No first item, sequence was empty.");
            case "last":
                List<Object> all = Py.list(v);
                Collections.reverse(all);
                return first(all, "No last item, sequence was empty.");
            case "float":
                return toFloat(v, a.get(0, "default", 0.0));
            case "indent":
                return indent(text(v), a.get(0, "width", 4L), a.flag(1, "first"), a.flag(2, "blank"), ctx.budget);
            case "int":
                return toInt(v, a.get(0, "default", 0L));
            case "items":
                return v instanceof Undefined ? new ArrayList<>() : items(mapping(v));
            case "join":
                return join(Sequences.attributes(v, a.get(1, "attribute", null), ctx.budget), Py.str(a.get(0, "d", "")), ctx.budget);
            case "list":
                return Py.list(v);
            case "lower":
                return text(v).toLowerCase(Locale.ROOT);
            case "upper":
                return text(v).toUpperCase(Locale.ROOT);
            case "map":
            case "select":
            case "reject":
            case "selectattr":
            case "rejectattr":
                return Sequences.apply(name, v, a, ctx);
            case "max":
            case "min":
                return Sequences.extreme(v, a, name.equals("max"), ctx.budget);
            case "replace":
                return Strings.replace(text(v), Py.str(a.get(0, "old", "")), Py.str(a.get(1, "new", "")),
                        a.get(2, "count", null) == null ? -1 : Py.toLong(a.get(2, "count", null)), ctx.budget);
            case "reverse":
                return reverse(v);
            case "round":
                return round(v, (int) Py.toLong(a.get(0, "precision", 0L)), Py.str(a.get(1, "method", "common")));
            case "safe":
                return v;
            case "sort":
                return Sequences.sort(v, a, ctx.budget);
            case "string":
                return Py.str(v);
            case "sum":
                return Sequences.sum(v, a, ctx);
            case "title":
                return title(text(v));
            case "tojson":
                return Json.dumps(v, a, ctx.budget);
            case "trim":
                Object chars = a.get(0, "chars", null);
                return Strings.strip(text(v), chars == null ? null : Py.str(chars), true, true);
            case "unique":
                return Sequences.unique(v, a, ctx.budget);
            case "wordcount":
                Matcher m = WORD.matcher(text(v));
                long n = 0;
                while (m.find()) {
                    n++;
                }
                return n;
            default:
                throw TemplateException.error("no filter named '" + name + "'");
        }
    }

    /** jinja2's soft_str: the filter's input as text (undefined is empty). */
    static String text(Object v) {
        return Py.str(v);
    }

    private static double number(Object v) {
        if (!Py.isNumber(v)) {
            throw TemplateException.error("bad operand type for abs(): '" + Py.typeName(v) + "'");
        }
        return Py.toDouble(v);
    }

    static Map<?, ?> mapping(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            throw TemplateException.error("Can only get item pairs from a mapping.");
        }
        return m;
    }

    static List<Object> items(Map<?, ?> map) {
        List<Object> out = new ArrayList<>(map.size());
        map.forEach((k, val) -> out.add(pair(k, val)));
        return out;
    }

    static List<Object> pair(Object k, Object v) {
        List<Object> p = new ArrayList<>(2);
        p.add(k);
        p.add(v);
        return new Tuple(p);
    }

    static String join(Object v, String separator, Budget budget) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (Object o : Py.list(v)) {
            String s = Py.str(o);
            budget.size((long) b.length() + separator.length() + s.length());
            b.append(first ? "" : separator).append(s);
            first = false;
        }
        return b.toString();
    }

    private static Object first(List<Object> items, String empty) {
        return items.isEmpty() ? new Undefined(empty) : items.get(0);
    }

    private static Object reverse(Object v) {
        if (v instanceof String s) {
            return new StringBuilder(s).reverse().toString();
        }
        List<Object> out = Py.list(v);
        Collections.reverse(out);
        return out;
    }

    private static List<Object> dictsort(Object v, Args a) {
        List<Object> pairs = items(mapping(v));
        int at = "value".equals(a.get(1, "by", "key")) ? 1 : 0;
        boolean caseSensitive = a.flag(0, "case_sensitive");
        Comparator<Object> order = (x, y) -> Py.compare(Sequences.sortKey(((List<?>) x).get(at), caseSensitive),
                Sequences.sortKey(((List<?>) y).get(at), caseSensitive), "<");
        pairs.sort(a.flag(2, "reverse") ? order.reversed() : order);
        return pairs;
    }

    private static long sized(long chars, Ctx ctx) {
        ctx.budget.size(chars);
        return chars;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
                .replace("'", "&#39;");
    }

    private static String center(String s, int width) {
        int len = s.codePointCount(0, s.length());
        if (width <= len) {
            return s;
        }
        int total = width - len;
        int left = total / 2 + (total & width & 1);
        return " ".repeat(left) + s + " ".repeat(total - left);
    }

    private static Object toFloat(Object v, Object dflt) {
        if (Py.isNumber(v)) {
            return Py.toDouble(v);
        }
        try {
            return Double.parseDouble(Strings.strip(Py.str(v), null, true, true).replace("_", ""));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static Object toInt(Object v, Object dflt) {
        if (Py.isInt(v)) {
            return Py.toLong(v);
        }
        if (v instanceof Double d) {
            return (long) d.doubleValue();
        }
        String s = Strings.strip(Py.str(v), null, true, true).replace("_", "");
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(s);
            } catch (NumberFormatException again) {
                return dflt;
            }
        }
    }

    private static String indent(String s, Object width, boolean first, boolean blank, Budget budget) {
        String indention = width instanceof String w ? w : " ".repeat((int) Math.max(0, Py.toLong(width)));
        List<Object> lines = Strings.splitlines(s + "\n");
        budget.size((long) s.length() + (long) (lines.size() + 1) * indention.length());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = (String) lines.get(i);
            if (i > 0) {
                b.append('\n').append(blank || !line.isEmpty() ? indention : "");
            }
            b.append(line);
        }
        return first ? indention + b : b.toString();
    }

    private static Object round(Object v, int precision, String method) {
        double d = Py.toDouble(v);
        java.math.BigDecimal exact = new java.math.BigDecimal(d);
        java.math.RoundingMode mode = method.equals("ceil") ? java.math.RoundingMode.CEILING
                : method.equals("floor") ? java.math.RoundingMode.FLOOR : java.math.RoundingMode.HALF_EVEN;
        return exact.setScale(precision, mode).doubleValue();
    }

    /** jinja2's title filter (not str.title): words begin after '-', whitespace or an opening bracket. */
    private static String title(String s) {
        StringBuilder b = new StringBuilder();
        Matcher m = WORD_BEGINNING.matcher(s);
        int from = 0;
        while (m.find()) {
            word(b, s.substring(from, m.start()));
            word(b, m.group());
            from = m.end();
        }
        word(b, s.substring(from));
        return b.toString();
    }

    private static void word(StringBuilder b, String item) {
        if (!item.isEmpty()) {
            int first = item.codePointAt(0);
            b.append(new String(Character.toChars(first)).toUpperCase(Locale.ROOT))
                    .append(item.substring(Character.charCount(first)).toLowerCase(Locale.ROOT));
        }
    }
}
