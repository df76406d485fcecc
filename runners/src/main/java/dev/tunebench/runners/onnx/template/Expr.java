package dev.tunebench.runners.onnx.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed expression; evaluating it gives a template value. */
sealed interface Expr {
    Object eval(Ctx c);

    record Const(Object value) implements Expr {
        public Object eval(Ctx c) {
            return value;
        }
    }

    record Name(String name) implements Expr {
        public Object eval(Ctx c) {
            return c.scope.get(name);
        }
    }

    record Attr(Expr target, String name) implements Expr {
        public Object eval(Ctx c) {
            return Access.attribute(target.eval(c), name, c.budget);
        }
    }

    record Item(Expr target, Expr key) implements Expr {
        public Object eval(Ctx c) {
            return Access.item(target.eval(c), key.eval(c), c.budget);
        }
    }

    record Slice(Expr target, Expr start, Expr stop, Expr step) implements Expr {
        public Object eval(Ctx c) {
            return Access.slice(target.eval(c), opt(start, c), opt(stop, c), opt(step, c));
        }

        private static Object opt(Expr e, Ctx c) {
            return e == null ? null : e.eval(c);
        }
    }

    record Call(Expr fn, List<Expr> args, Map<String, Expr> kwargs) implements Expr {
        public Object eval(Ctx c) {
            Object f = fn.eval(c);
            if (f instanceof Undefined u) {
                throw u.fail();
            }
            if (!(f instanceof Callable callable)) {
                throw TemplateException.error("'" + Py.typeName(f) + "' object is not callable");
            }
            c.budget.step();
            return callable.call(values(args, c), values(kwargs, c));
        }
    }

    record Filter(Expr value, String name, List<Expr> args, Map<String, Expr> kwargs) implements Expr {
        public Object eval(Ctx c) {
            c.budget.step();
            Object result = Filters.apply(name, value.eval(c), new Args(values(args, c), values(kwargs, c)), c);
            if (result instanceof String s) {
                c.budget.size(s.length());
            }
            return result;
        }
    }

    record Test(Expr value, String name, List<Expr> args, boolean negated) implements Expr {
        public Object eval(Ctx c) {
            return Tests.apply(name, value.eval(c), values(args, c)) != negated;
        }
    }

    record Binary(String op, Expr left, Expr right) implements Expr {
        public Object eval(Ctx c) {
            Object a = left.eval(c);
            Object b = right.eval(c);
            if (op.equals("~")) {
                String s = Py.str(a) + Py.str(b);
                c.budget.size(s.length());
                return s;
            }
            return Ops.binary(op, a, b, c.budget);
        }
    }

    record Compare(Expr first, List<String> ops, List<Expr> rest) implements Expr {
        public Object eval(Ctx c) {
            Object left = first.eval(c);
            for (int i = 0; i < ops.size(); i++) {
                Object right = rest.get(i).eval(c);
                if (!compare(ops.get(i), left, right)) {
                    return false;
                }
                left = right;
            }
            return true;
        }

        private static boolean compare(String op, Object a, Object b) {
            switch (op) {
                case "==": return Py.eq(a, b);
                case "!=": return !Py.eq(a, b);
                case "<": return Py.compare(a, b, op) < 0;
                case "<=": return Py.compare(a, b, op) <= 0;
                case ">": return Py.compare(a, b, op) > 0;
                case ">=": return Py.compare(a, b, op) >= 0;
                case "in": return Py.contains(b, a);
                default: return !Py.contains(b, a);
            }
        }
    }

    record And(Expr left, Expr right) implements Expr {
        public Object eval(Ctx c) {
            Object a = left.eval(c);
            return Py.truthy(a) ? right.eval(c) : a;
        }
    }

    record Or(Expr left, Expr right) implements Expr {
        public Object eval(Ctx c) {
            Object a = left.eval(c);
            return Py.truthy(a) ? a : right.eval(c);
        }
    }

    record Not(Expr operand) implements Expr {
        public Object eval(Ctx c) {
            return !Py.truthy(operand.eval(c));
        }
    }

    record Neg(Expr operand, boolean minus) implements Expr {
        public Object eval(Ctx c) {
            Object v = operand.eval(c);
            if (!minus) {
                if (v instanceof Undefined u) {
                    throw u.fail();
                }
                return v;
            }
            return Ops.negate(v);
        }
    }

    record Cond(Expr test, Expr then, Expr otherwise) implements Expr {
        public Object eval(Ctx c) {
            if (Py.truthy(test.eval(c))) {
                return then.eval(c);
            }
            return otherwise == null ? new Undefined("the inline if-expression evaluated to false and no else "
                    + "section was defined") : otherwise.eval(c);
        }
    }

    record ListLit(List<Expr> items, boolean tuple) implements Expr {
        public Object eval(Ctx c) {
            List<Object> v = values(items, c);
            return tuple ? new Tuple(v) : v;
        }
    }

    record DictLit(List<Expr> keys, List<Expr> values) implements Expr {
        public Object eval(Ctx c) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                out.put(keys.get(i).eval(c), values.get(i).eval(c));
            }
            return out;
        }
    }

    static List<Object> values(List<Expr> exprs, Ctx c) {
        List<Object> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            out.add(e.eval(c));
        }
        return out;
    }

    static Map<String, Object> values(Map<String, Expr> exprs, Ctx c) {
        if (exprs.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        exprs.forEach((k, e) -> out.put(k, e.eval(c)));
        return out;
    }
}
