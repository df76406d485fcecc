package dev.tunebench.runners.onnx.template;

import dev.tunebench.runners.onnx.template.Token.Type;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What follows an operand in jinja2: {@code .attr}, {@code [key]}, {@code [a:b]}, calls, filters and tests. */
abstract class PostfixParser extends TokenStream {
    private static final Set<String> UNSUPPORTED_FILTERS = Set.of("batch", "filesizeformat", "format", "groupby",
            "pprint", "random", "slice", "striptags", "truncate", "urlencode", "urlize", "wordwrap", "xmlattr");

    PostfixParser(List<Token> tokens) {
        super(tokens);
    }

    abstract Expr parseExpression(boolean condexpr);

    abstract Expr parsePrimary();

    Expr parsePostfix(Expr target) {
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

    Expr parseFilterExpr(Expr target) {
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
