package dev.tunebench.runners.onnx.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** Python's printf-style {@code 'fmt' % args} for the common conversions: %s %r %d %i %f %%, with flags. */
final class Percent {
    private Percent() {
    }

    static String format(String fmt, Object args) {
        List<?> values = args instanceof Tuple t ? t : List.of(args == null ? Tuple.NONE : args);
        StringBuilder b = new StringBuilder();
        int next = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                b.append(c);
                continue;
            }
            int start = ++i;
            while (i < fmt.length() && "-+ 0#.0123456789".indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            if (i >= fmt.length()) {
                throw TemplateException.error("incomplete format");
            }
            char conversion = fmt.charAt(i);
            if (conversion == '%') {
                b.append('%');
                continue;
            }
            if (next >= values.size()) {
                throw TemplateException.error("not enough arguments for format string");
            }
            Object v = values.get(next++);
            b.append(convert(fmt.substring(start, i), conversion, v == Tuple.NONE ? null : v));
        }
        if (next < values.size() && !(args instanceof Map)) {
            throw TemplateException.error("not all arguments converted during string formatting");
        }
        return b.toString();
    }

    private static String convert(String spec, char conversion, Object v) {
        int f = 0;
        while (f < spec.length() && "-+ #0".indexOf(spec.charAt(f)) >= 0) {
            f++;
        }
        String flags = spec.substring(0, f);
        String rest = spec.substring(f);
        int dot = rest.indexOf('.');
        int width = rest.isEmpty() || dot == 0 ? 0 : Integer.parseInt(dot < 0 ? rest : rest.substring(0, dot));
        Integer precision = dot < 0 ? null : Integer.valueOf(rest.substring(dot + 1).isEmpty() ? "0" : rest.substring(dot + 1));
        String body;
        switch (conversion) {
            case 's':
                body = Py.str(v);
                body = precision == null ? body : body.substring(0, Math.min(precision, body.length()));
                break;
            case 'r':
                body = Repr.repr(v);
                break;
            case 'd':
            case 'i':
                body = sign(flags, Long.toString(integer(v)));
                break;
            case 'f':
            case 'F':
                body = sign(flags, new BigDecimal(number(v)).setScale(precision == null ? 6 : precision,
                        RoundingMode.HALF_EVEN).toPlainString());
                break;
            default:
                throw TemplateException.error("unsupported format character '" + conversion + "'");
        }
        if (body.length() >= width) {
            return body;
        }
        if (flags.contains("-")) {
            return body + " ".repeat(width - body.length());
        }
        if (flags.contains("0") && conversion != 's' && conversion != 'r') {
            boolean negative = body.startsWith("-") || body.startsWith("+");
            String digits = negative ? body.substring(1) : body;
            return (negative ? body.substring(0, 1) : "") + "0".repeat(width - body.length()) + digits;
        }
        return " ".repeat(width - body.length()) + body;
    }

    private static String sign(String flags, String body) {
        return body.startsWith("-") ? body : flags.contains("+") ? "+" + body : flags.contains(" ") ? " " + body : body;
    }

    private static long integer(Object v) {
        if (v instanceof Double d) {
            return (long) d.doubleValue();
        }
        if (!Py.isNumber(v)) {
            throw TemplateException.error("%d format: a real number is required, not " + Py.typeName(v));
        }
        return Py.toLong(v);
    }

    private static double number(Object v) {
        if (!Py.isNumber(v)) {
            throw TemplateException.error("must be real number, not " + Py.typeName(v));
        }
        return Py.toDouble(v);
    }
}
