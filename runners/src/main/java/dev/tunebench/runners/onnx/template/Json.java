package dev.tunebench.runners.onnx.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * transformers' tojson: Python's {@code json.dumps(x, ensure_ascii=False, indent=indent)}, that is
 * {@code ", "} and {@code ": "} separators ({@code ","} at line ends when indenting), keys in insertion
 * order, non-ASCII text as is, no HTML escaping.
 */
final class Json {
    private Json() {
    }

    static String dumps(Object v, Object indent, boolean sortKeys, Budget budget) {
        if (indent != null && !(indent instanceof String)) {
            budget.size(Py.toLong(indent));
        }
        String unit = indent == null ? null : indent instanceof String s ? s : " ".repeat((int) Math.max(0, Py.toLong(indent)));
        StringBuilder b = new StringBuilder();
        write(b, v, unit, 0, sortKeys, budget);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v, String unit, int level, boolean sortKeys, Budget budget) {
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
            string(b, s);
        } else if (v instanceof List<?> list) {
            container(b, '[', ']', new ArrayList<Object>(list), null, unit, level, sortKeys, budget);
        } else if (v instanceof Map<?, ?> map) {
            List<Object> keys = new ArrayList<>(map.keySet());
            if (sortKeys) {
                keys.sort((x, y) -> Py.compare(x, y, "<"));
            }
            container(b, '{', '}', keys, map, unit, level, sortKeys, budget);
        } else {
            throw TemplateException.error("Object of type " + Py.typeName(v) + " is not JSON serializable");
        }
    }

    private static void container(StringBuilder b, char open, char close, List<Object> items, Map<?, ?> map,
                                  String unit, int level, boolean sortKeys, Budget budget) {
        b.append(open);
        if (items.isEmpty()) {
            b.append(close);
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (unit != null) {
                b.append('\n').append(unit.repeat(level + 1));
            }
            Object item = items.get(i);
            if (map != null) {
                string(b, key(item));
                b.append(": ");
                write(b, map.get(item), unit, level + 1, sortKeys, budget);
            } else {
                write(b, item, unit, level + 1, sortKeys, budget);
            }
            if (i < items.size() - 1) {
                b.append(unit == null ? ", " : ",");
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

    private static void string(StringBuilder b, String s) {
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
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }
}
