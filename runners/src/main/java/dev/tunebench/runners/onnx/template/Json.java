package dev.tunebench.runners.onnx.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * transformers' tojson: Python's {@code json.dumps(x, ensure_ascii=False, indent=None, separators=None,
 * sort_keys=False)}, that is {@code ", "} and {@code ": "} separators ({@code ","} at line ends when
 * indenting), keys in insertion order, non-ASCII text as is, no HTML escaping.
 */
final class Json {
    private Json() {
    }

    /** The layout and escaping of one dumps call. */
    private record Style(String unit, String itemSeparator, String keySeparator, boolean ascii, boolean sortKeys) {
    }

    static String dumps(Object v, Args a, Budget budget) {
        Object indent = a.get(1, "indent", null);
        Object separators = a.get(2, "separators", null);
        String item = indent == null ? ", " : ",";
        String key = ": ";
        if (separators instanceof List<?> pair && pair.size() == 2) {
            item = Py.str(pair.get(0));
            key = Py.str(pair.get(1));
        } else if (separators != null) {
            throw TemplateException.error("tojson separators must be an (item, key) pair");
        }
        String unit = null;
        if (indent instanceof String s) {
            unit = s;
        } else if (indent != null) {
            budget.size(Py.toLong(indent));
            unit = " ".repeat((int) Math.max(0, Py.toLong(indent)));
        }
        StringBuilder b = new StringBuilder();
        write(b, v, new Style(unit, item, key, a.flag(0, "ensure_ascii"), a.flag(3, "sort_keys")), 0, budget);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v, Style style, int level, Budget budget) {
        budget.size(b.length());
        if (v == null) {
            b.append("null");
        } else if (v instanceof Boolean bool) {
            b.append(bool ? "true" : "false");
        } else if (v instanceof Long) {
            b.append(v);
        } else if (v instanceof Double d) {
            b.append(d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : Repr.floatRepr(d));
        } else if (v instanceof String s) {
            string(b, s, style.ascii());
        } else if (v instanceof List<?> list) {
            container(b, '[', ']', new ArrayList<Object>(list), null, style, level, budget);
        } else if (v instanceof Map<?, ?> map) {
            List<Object> keys = new ArrayList<>(map.keySet());
            if (style.sortKeys()) {
                keys.sort((x, y) -> Py.compare(x, y, "<"));
            }
            container(b, '{', '}', keys, map, style, level, budget);
        } else {
            throw TemplateException.error("Object of type " + Py.typeName(v) + " is not JSON serializable");
        }
    }

    private static void container(StringBuilder b, char open, char close, List<Object> items, Map<?, ?> map,
                                  Style style, int level, Budget budget) {
        b.append(open);
        if (items.isEmpty()) {
            b.append(close);
            return;
        }
        String unit = style.unit();
        for (int i = 0; i < items.size(); i++) {
            if (unit != null) {
                b.append('\n').append(unit.repeat(level + 1));
            }
            Object item = items.get(i);
            if (map != null) {
                string(b, key(item), style.ascii());
                b.append(style.keySeparator());
                write(b, map.get(item), style, level + 1, budget);
            } else {
                write(b, item, style, level + 1, budget);
            }
            if (i < items.size() - 1) {
                b.append(style.itemSeparator());
            }
        }
        if (unit != null) {
            b.append('\n').append(unit.repeat(level));
        }
        b.append(close);
    }

    private static String key(Object k) {
        if (k instanceof String s) {
            return s;
        }
        if (k == null) {
            return "null";
        }
        if (k instanceof Boolean bool) {
            return bool ? "true" : "false";
        }
        if (k instanceof Long || k instanceof Double) {
            return Py.str(k);
        }
        throw TemplateException.error("keys must be str, int, float, bool or None, not " + Py.typeName(k));
    }

    private static void string(StringBuilder b, String s, boolean ascii) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                case '\b': b.append("\\b"); break;
                case '\f': b.append("\\f"); break;
                default:
                    if (c < 0x20 || ascii && c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }
}
