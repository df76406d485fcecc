package dev.tunebench.runners.onnx.template;

import dev.tunebench.runners.onnx.template.Token.Type;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** jinja2's expression grammar and operator precedence, over the tokens of one template. */
class ExprParser {
    /** Deeper nesting than this is refused (jinja2 itself stops with RecursionError). */
    private static final int MAX_NESTING = 200;
    private static final Set<String> COMPARE = Set.of("==", "!=", "<", "<=", ">", ">=");
    private static final Set<String> UNSUPPORTED_FILTERS = Set.of("batch", "filesizeformat", "format", "groupby",
            "pprint", "random", "slice", "striptags", "truncate", "urlencode", "urlize", "wordwrap", "xmlattr");

    private final List<Token> tokens;
    private int at;
    int depth;

    ExprParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(at);
    }

    Token peekAt(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(at);
        if (t.type() != Type.EOF) {
            at++;
        }
        return t;
    }

    Token expect(Type type, String what) {
        Token t = peek();
        if (t.type() != type) {
            throw syntax("expected " + what + ", got '" + t.value() + "'");
        }
        return next();
    }

    void expectOp(String op) {
        if (!peek().isOp(op)) {
            throw syntax("expected '" + op + "', got '" + peek().value() + "'");
        }
        next();
    }

    void expectName(String name) {
        if (!peek().isName(name)) {
            throw syntax("expected '" + name + "', got '" + peek().value() + "'");
        }
        next();
    }

    void enter() {
        if (++depth > MAX_NESTING) {
            throw new TemplateException(TemplateException.Kind.LIMIT, "the template nests deeper than " + MAX_NESTING
                    + " levels: it looks hostile or broken", peek().line());
        }
    }

    TemplateException syntax(String message) {
        return new TemplateException(TemplateException.Kind.SYNTAX, message, peek().line());
    }

    /** An expression, or several separated by commas (a tuple, here a list). */
    Expr parseTuple(boolean condexpr) {
        Expr first = parseExpression(condexpr);
        if (!peek().isOp(",")) {
            return first;
        }
        List<Expr> items = new ArrayList<>(List.of(first));
        while (peek().isOp(",")) {
            next();
            if (peek().type() == Type.VAR_END || peek().type() == Type.BLOCK_END || peek().isOp(")")) {
                break;
            }
            items.add(parseExpression(condexpr));
        }
        return new Expr.ListLit(items, true);
    }

    Expr parseExpression(boolean condexpr) {
        enter();
        Expr e = parseOr();
        while (condexpr && peek().isName("if")) {
            next();
            Expr test = parseOr();
            Expr otherwise = null;
            if (peek().isName("else")) {
                next();
                otherwise = parseExpression(true);
            }
            e = new Expr.Cond(test, e, otherwise);
        }
        depth--;
        return e;
    }

    private Expr parseOr() {
        Expr e = parseAnd();
        while (peek().isName("or")) {
            next();
            e = new Expr.Or(e, parseAnd());
        }
        return e;
    }

    private Expr parseAnd() {
        Expr e = parseNot();
        while (peek().isName("and")) {
            next();
            e = new Expr.And(e, parseNot());
        }
        return e;
    }

    private Expr parseNot() {
        if (peek().isName("not")) {
            next();
            enter();
            Expr e = new Expr.Not(parseNot());
            depth--;
            return e;
        }
        return parseCompare();
    }

    private Expr parseCompare() {
        Expr first = parseMath1();
        List<String> ops = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.type() == Type.OP && COMPARE.contains(t.value())) {
                ops.add(next().value());
            } else if (t.isName("in")) {
                next();
                ops.add("in");
            } else if (t.isName("not") && peekAt(1).isName("in")) {
                next();
                next();
                ops.add("not in");
            } else {
                break;
            }
            rest.add(parseMath1());
        }
        return ops.isEmpty() ? first : new Expr.Compare(first, ops, rest);
    }

    private Expr parseMath1() {
        Expr e = parseConcat();
        while (peek().isOp("+") || peek().isOp("-")) {
            e = new Expr.Binary(next().value(), e, parseConcat());
        }
        return e;
    }

    private Expr parseConcat() {
        Expr e = parseMath2();
        while (peek().isOp("~")) {
            next();
            e = new Expr.Binary("~", e, parseMath2());
        }
        return e;
    }

    private Expr parseMath2() {
        Expr e = parsePow();
        while (peek().isOp("*") || peek().isOp("/") || peek().isOp("//") || peek().isOp("%")) {
            e = new Expr.Binary(next().value(), e, parsePow());
        }
        return e;
    }

    private Expr parsePow() {
        Expr e = parseUnary(true);
        while (peek().isOp("**")) {
            next();
            e = new Expr.Binary("**", e, parseUnary(true));
        }
        return e;
    }

    private Expr parseUnary(boolean withFilter) {
        enter();
        Expr e;
        if (peek().isOp("-") || peek().isOp("+")) {
            boolean minus = next().value().equals("-");
            e = new Expr.Neg(parseUnary(false), minus);
        } else {
            e = parsePrimary();
        }
        e = parsePostfix(e);
        if (withFilter) {
            e = parseFilterExpr(e);
        }
        depth--;
        return e;
    }

    private Expr parsePrimary() {
        Token t = next();
        switch (t.type()) {
            case NAME:
                switch (t.value()) {
                    case "true": case "True": return new Expr.Const(true);
                    case "false": case "False": return new Expr.Const(false);
                    case "none": case "None": return new Expr.Const(null);
                    default: return new Expr.Name(t.value());
                }
            case STRING:
                StringBuilder s = new StringBuilder(t.value());
                while (peek().type() == Type.STRING) {
                    s.append(next().value());
                }
                return new Expr.Const(s.toString());
            case INT:
                try {
                    return new Expr.Const(Long.parseLong(t.value()));
                } catch (NumberFormatException e) {
                    throw syntax("integer literal too large: " + t.value());
                }
            case FLOAT:
                return new Expr.Const(Double.parseDouble(t.value()));
            case OP:
                if (t.value().equals("(")) {
                    if (peek().isOp(")")) {
                        next();
                        return new Expr.ListLit(List.of(), true);
                    }
                    Expr inner = parseTuple(true);
                    expectOp(")");
                    return inner;
                }
                if (t.value().equals("[")) {
                    List<Expr> items = new ArrayList<>();
                    while (!peek().isOp("]")) {
                        if (!items.isEmpty()) {
                            expectOp(",");
                            if (peek().isOp("]")) {
                                break;
                            }
                        }
                        items.add(parseExpression(true));
                    }
                    next();
                    return new Expr.ListLit(items, false);
                }
                if (t.value().equals("{")) {
                    return dict();
                }
                break;
            default:
                break;
        }
        at--;
        throw syntax("unexpected '" + (t.value().isEmpty() ? t.type().name() : t.value()) + "'");
    }

    private Expr dict() {
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!peek().isOp("}")) {
            if (!keys.isEmpty()) {
                expectOp(",");
                if (peek().isOp("}")) {
                    break;
                }
            }
            keys.add(parseExpression(true));
            expectOp(":");
            values.add(parseExpression(true));
        }
        next();
        return new Expr.DictLit(keys, values);
    }

    private Expr parsePostfix(Expr target) {
        Expr e = target;
        while (true) {
            if (peek().isOp(".")) {
                next();
                Token t = next();
                if (t.type() == Type.NAME) {
                    e = new Expr.Attr(e, t.value());
                } else if (t.type() == Type.INT) {
                    e = new Expr.Item(e, new Expr.Const(Long.parseLong(t.value())));
                } else {
                    throw syntax("expected an attribute name after '.'");
                }
            } else if (peek().isOp("[")) {
                next();
                e = subscript(e);
            } else if (peek().isOp("(")) {
                e = call(e);
            } else {
                return e;
            }
        }
    }

    private Expr subscript(Expr target) {
        Expr[] parts = new Expr[3];
        int part = 0;
        boolean slice = false;
        while (!peek().isOp("]")) {
            if (peek().isOp(":")) {
                next();
                slice = true;
                if (++part > 2) {
                    throw syntax("too many ':' in a slice");
                }
            } else {
                parts[part] = parseExpression(true);
            }
        }
        next();
        if (!slice) {
            if (parts[0] == null) {
                throw syntax("expected a subscript");
            }
            return new Expr.Item(target, parts[0]);
        }
        return new Expr.Slice(target, parts[0], parts[1], parts[2]);
    }

    private Expr call(Expr fn) {
        List<Expr> args = new ArrayList<>();
        Map<String, Expr> kwargs = new LinkedHashMap<>();
        callArgs(args, kwargs);
        return new Expr.Call(fn, args, kwargs);
    }

    private void callArgs(List<Expr> args, Map<String, Expr> kwargs) {
        expectOp("(");
        while (!peek().isOp(")")) {
            if (!args.isEmpty() || !kwargs.isEmpty()) {
                expectOp(",");
                if (peek().isOp(")")) {
                    break;
                }
            }
            if (peek().isOp("*") || peek().isOp("**")) {
                throw syntax("*args and **kwargs in calls are not supported");
            }
            if (peek().type() == Type.NAME && peekAt(1).isOp("=")) {
                String name = next().value();
                next();
                kwargs.put(name, parseExpression(true));
            } else {
                args.add(parseExpression(true));
            }
        }
        next();
    }

    private Expr parseFilterExpr(Expr target) {
        Expr e = target;
        while (true) {
            if (peek().isOp("|")) {
                e = parseFilter(e, true);
            } else if (peek().isName("is")) {
                next();
                e = test(e);
            } else if (peek().isOp("(")) {
                e = call(e);
            } else {
                return e;
            }
        }
    }

    /** One or more {@code | name(args)}; {@code leadingPipe} false for a filter block's first name. */
    Expr parseFilter(Expr target, boolean leadingPipe) {
        Expr e = target;
        boolean first = true;
        while (first && !leadingPipe || peek().isOp("|")) {
            if (!first || leadingPipe) {
                next();
            }
            first = false;
            Token name = expect(Type.NAME, "a filter name");
            if (!Filters.NAMES.contains(name.value())) {
                throw syntax(UNSUPPORTED_FILTERS.contains(name.value()) ? "the jinja2 filter '" + name.value()
                        + "' is not supported by tunebench's template renderer" : "no filter named '" + name.value() + "'");
            }
            List<Expr> args = new ArrayList<>();
            Map<String, Expr> kwargs = new LinkedHashMap<>();
            if (peek().isOp("(")) {
                callArgs(args, kwargs);
            }
            e = new Expr.Filter(e, name.value(), args, kwargs);
            if (!leadingPipe && !peek().isOp("|")) {
                break;
            }
        }
        return e;
    }

    private Expr test(Expr target) {
        boolean negated = false;
        if (peek().isName("not")) {
            next();
            negated = true;
        }
        Token name = next();
        if (name.type() != Type.NAME && !(name.type() == Type.OP && Tests.NAMES.contains(name.value()))) {
            throw syntax("expected a test name after 'is'");
        }
        String testName = name.value().equals("none") || name.value().equals("None") ? "none"
                : name.value().equals("true") || name.value().equals("True") ? "true"
                : name.value().equals("false") || name.value().equals("False") ? "false" : name.value();
        if (!Tests.NAMES.contains(testName)) {
            throw syntax("no test named '" + testName + "'");
        }
        List<Expr> args = new ArrayList<>();
        Token t = peek();
        if (t.isOp("(")) {
            Map<String, Expr> kwargs = new LinkedHashMap<>();
            callArgs(args, kwargs);
        } else if ((t.type() == Type.NAME || t.type() == Type.STRING || t.type() == Type.INT
                || t.type() == Type.FLOAT || t.isOp("[") || t.isOp("{")) && !t.isName("else") && !t.isName("or")
                && !t.isName("and") && !t.isName("is")) {
            args.add(parsePostfix(parsePrimary()));
        }
        return new Expr.Test(target, testName, args, negated);
    }
}
