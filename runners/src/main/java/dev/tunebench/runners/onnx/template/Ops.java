package dev.tunebench.runners.onnx.template;

import java.util.ArrayList;
import java.util.List;

/** Python's arithmetic and concatenation operators, raising where Python raises. */
final class Ops {
    private Ops() {
    }

    static Object binary(String op, Object a, Object b, Budget budget) {
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        if (b instanceof Undefined u) {
            throw u.fail();
        }
        switch (op) {
            case "+":
                return add(a, b, budget);
            case "*":
                return multiply(a, b, budget);
            case "%":
                if (a instanceof String fmt) {
                    String s = Percent.format(fmt, b);
                    budget.size(s.length());
                    return s;
                }
                return arithmetic(op, a, b);
            default:
                return arithmetic(op, a, b);
        }
    }

    private static Object add(Object a, Object b, Budget budget) {
        if (a instanceof String x) {
            if (!(b instanceof String y)) {
                throw TemplateException.error("can only concatenate str (not \"" + Py.typeName(b) + "\") to str");
            }
            budget.size((long) x.length() + y.length());
            return x + y;
        }
        if (a instanceof List<?> x) {
            if (!(b instanceof List<?> y)) {
                throw TemplateException.error("can only concatenate list (not \"" + Py.typeName(b) + "\") to list");
            }
            budget.size((long) x.size() + y.size());
            List<Object> out = new ArrayList<>(x);
            out.addAll(y);
            return out;
        }
        return arithmetic("+", a, b);
    }

    private static Object multiply(Object a, Object b, Budget budget) {
        if ((a instanceof String || a instanceof List) && Py.isInt(b)) {
            return repeat(a, Py.toLong(b), budget);
        }
        if ((b instanceof String || b instanceof List) && Py.isInt(a)) {
            return repeat(b, Py.toLong(a), budget);
        }
        return arithmetic("*", a, b);
    }

    private static Object repeat(Object seq, long times, Budget budget) {
        long n = Math.max(0, times);
        if (seq instanceof String s) {
            budget.size(n * s.length());
            return s.repeat((int) n);
        }
        List<?> l = (List<?>) seq;
        budget.size(n * l.size());
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.addAll(l);
        }
        return out;
    }

    private static Object arithmetic(String op, Object a, Object b) {
        if (!Py.isNumber(a) || !Py.isNumber(b)) {
            throw TemplateException.error("unsupported operand type(s) for " + op + ": '" + Py.typeName(a) + "' and '"
                    + Py.typeName(b) + "'");
        }
        boolean ints = Py.isInt(a) && Py.isInt(b);
        if (ints && !op.equals("/")) {
            return integer(op, Py.toLong(a), Py.toLong(b));
        }
        double x = Py.toDouble(a);
        double y = Py.toDouble(b);
        switch (op) {
            case "+":
                return x + y;
            case "-":
                return x - y;
            case "*":
                return x * y;
            case "/":
                return divide(x, y, "division by zero");
            case "//":
                return Math.floor(divide(x, y, "float floor division by zero"));
            case "%":
                divide(x, y, "float modulo");
                return x - y * Math.floor(x / y);
            default:
                return Math.pow(x, y);
        }
    }

    private static double divide(double x, double y, String message) {
        if (y == 0) {
            throw TemplateException.error(message);
        }
        return x / y;
    }

    private static Object integer(String op, long x, long y) {
        try {
            switch (op) {
                case "+":
                    return Math.addExact(x, y);
                case "-":
                    return Math.subtractExact(x, y);
                case "*":
                    return Math.multiplyExact(x, y);
                case "//":
                    return Math.floorDiv(x, nonZero(y, "integer division or modulo by zero"));
                case "%":
                    return Math.floorMod(x, nonZero(y, "integer division or modulo by zero"));
                default:
                    if (y < 0) {
                        return Math.pow(x, y);
                    }
                    return power(x, y);
            }
        } catch (ArithmeticException e) {
            throw TemplateException.error("integer result too large (" + x + " " + op + " " + y + ")");
        }
    }

    private static long nonZero(long y, String message) {
        if (y == 0) {
            throw TemplateException.error(message);
        }
        return y;
    }

    /** Exact; |base| >= 2 overflows within 63 multiplications, so the loop is short. */
    private static long power(long base, long exponent) {
        if (base == 0 || base == 1) {
            return exponent == 0 ? 1 : base;
        }
        if (base == -1) {
            return exponent % 2 == 0 ? 1 : -1;
        }
        long result = 1;
        for (long i = 0; i < exponent; i++) {
            result = Math.multiplyExact(result, base);
        }
        return result;
    }

    static Object negate(Object v) {
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        if (Py.isInt(v)) {
            return -Py.toLong(v);
        }
        if (v instanceof Double d) {
            return -d;
        }
        throw TemplateException.error("bad operand type for unary -: '" + Py.typeName(v) + "'");
    }
}
