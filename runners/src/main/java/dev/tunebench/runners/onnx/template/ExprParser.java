package dev.tunebench.runners.onnx.template;

import dev.tunebench.runners.onnx.template.Token.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** jinja2's expression grammar and operator precedence, over the tokens of one template. */
class ExprParser extends PostfixParser {
    private static final Set<String> COMPARE = Set.of("==", "!=", "<", "<=", ">", ">=");

    ExprParser(List<Token> tokens) {
        super(tokens);
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

    Expr parsePrimary() {
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
        back();
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
}
