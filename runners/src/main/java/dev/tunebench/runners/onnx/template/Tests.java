package dev.tunebench.runners.onnx.template;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** jinja2's tests ({@code x is defined}, {@code x is none}, {@code x is string} ...). */
final class Tests {
    static final Set<String> NAMES = Set.of("defined", "undefined", "none", "boolean", "false", "true", "integer",
            "float", "number", "string", "mapping", "iterable", "sequence", "callable", "equalto", "eq", "==", "ne",
            "!=", "lt", "<", "gt", ">", "le", "<=", "ge", ">=", "in", "odd", "even", "divisibleby", "sameas", "lower",
            "upper", "escaped");

    private Tests() {
    }

    static boolean apply(String name, Object v, List<Object> args) {
        Object arg = args.isEmpty() ? null : args.get(0);
        switch (name) {
            case "defined":
                return !(v instanceof Undefined);
            case "undefined":
                return v instanceof Undefined;
            case "none":
                return v == null;
            case "boolean":
                return v instanceof Boolean;
            case "false":
                return Boolean.FALSE.equals(v);
            case "true":
                return Boolean.TRUE.equals(v);
            case "integer":
                return v instanceof Long;
            case "float":
                return v instanceof Double;
            case "number":
                return Py.isNumber(v);
            case "string":
                return v instanceof String;
            case "mapping":
                return v instanceof Map;
            case "iterable":
                return v instanceof String || v instanceof List || v instanceof Map || v instanceof Undefined;
            case "sequence":
                return v instanceof String || v instanceof List || v instanceof Map;
            case "callable":
                return v instanceof Callable;
            case "equalto":
            case "eq":
            case "==":
                return Py.eq(v, arg);
            case "ne":
            case "!=":
                return !Py.eq(v, arg);
            case "lt":
            case "<":
                return Py.compare(v, arg, "<") < 0;
            case "gt":
            case ">":
                return Py.compare(v, arg, ">") > 0;
            case "le":
            case "<=":
                return Py.compare(v, arg, "<=") <= 0;
            case "ge":
            case ">=":
                return Py.compare(v, arg, ">=") >= 0;
            case "in":
                return Py.contains(arg, v);
            case "odd":
                return Py.toLong(integer(v)) % 2 != 0;
            case "even":
                return Py.toLong(integer(v)) % 2 == 0;
            case "divisibleby":
                return Py.toLong(integer(v)) % Py.toLong(integer(arg)) == 0;
            case "sameas":
                return v == arg || v != null && (v instanceof Boolean || v instanceof Long) && v.equals(arg);
            case "lower":
                return Py.str(v).equals(Py.str(v).toLowerCase(Locale.ROOT));
            case "upper":
                return Py.str(v).equals(Py.str(v).toUpperCase(Locale.ROOT));
            case "escaped":
                return false;
            default:
                throw TemplateException.error("no test named '" + name + "'");
        }
    }

    private static Object integer(Object v) {
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        if (!Py.isInt(v)) {
            throw TemplateException.error("unsupported operand type(s) for %: '" + Py.typeName(v) + "' and 'int'");
        }
        return v;
    }
}
