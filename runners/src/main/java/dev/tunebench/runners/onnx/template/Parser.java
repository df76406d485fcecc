package dev.tunebench.runners.onnx.template;

import dev.tunebench.runners.onnx.template.Token.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses jinja2 statements into {@link Node}s; {@link ExprParser} does the expressions. There is no
 * template loader, as in transformers: include, import, from and extends are refused here.
 */
final class Parser extends ExprParser {
    private static final Set<String> LOADING = Set.of("include", "import", "from", "extends");
    private int loops;

    private Parser(List<Token> tokens) {
        super(tokens);
    }

    static List<Node> parse(String source) {
        Parser p = new Parser(Lexer.lex(source));
        List<Node> body = p.subparse(Set.of());
        if (p.peek().type() != Type.EOF) {
            throw p.syntax("unexpected '" + p.peek().value() + "'");
        }
        return body;
    }

    /** Statements up to (not including) a block tag whose keyword is in {@code ends}, or the end. */
    private List<Node> subparse(Set<String> ends) {
        enter();
        List<Node> body = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.type() == Type.EOF) {
                if (!ends.isEmpty()) {
                    throw syntax("unexpected end of template; expected one of " + ends);
                }
                break;
            }
            if (t.type() == Type.DATA) {
                next();
                body.add(new Node.Text(t.value()));
            } else if (t.type() == Type.VAR_BEGIN) {
                next();
                body.add(new Node.Print(parseTuple(true), t.line()));
                expect(Type.VAR_END, "}}");
            } else {
                Token keyword = peekAt(1);
                if (keyword.type() == Type.NAME && ends.contains(keyword.value())) {
                    break;
                }
                next();
                body.add(statement());
            }
        }
        depth--;
        return body;
    }

    private Node statement() {
        Token t = next();
        if (t.type() != Type.NAME) {
            throw syntax("tag name expected");
        }
        String name = t.value();
        int line = t.line();
        if (LOADING.contains(name)) {
            throw syntax("'" + name + "' would load another template, and chat templates are rendered without a "
                    + "template loader (as transformers does); a template must be self-contained");
        }
        switch (name) {
            case "if":
                return ifStatement(line);
            case "for":
                return forStatement(line);
            case "set":
                return setStatement(line);
            case "macro":
                return macro(line);
            case "filter":
                return filterBlock(line);
            case "generation":
                endTag();
                List<Node> body = subparse(Set.of("endgeneration"));
                closeBlock("endgeneration");
                return new Node.Body(body);
            case "break":
            case "continue":
                if (loops == 0) {
                    throw syntax("'" + name + "' outside of a loop");
                }
                endTag();
                return name.equals("break") ? new Node.Break() : new Node.Continue();
            default:
                throw syntax("unknown or unsupported tag '" + name + "'");
        }
    }

    private Node ifStatement(int line) {
        List<Expr> tests = new ArrayList<>();
        List<List<Node>> bodies = new ArrayList<>();
        tests.add(parseTuple(false));
        endTag();
        Set<String> ends = Set.of("elif", "else", "endif");
        while (true) {
            bodies.add(subparse(ends));
            next();
            String keyword = next().value();
            if (keyword.equals("elif")) {
                tests.add(parseTuple(false));
                endTag();
            } else if (keyword.equals("else")) {
                endTag();
                List<Node> orElse = subparse(Set.of("endif"));
                closeBlock("endif");
                return new Node.If(tests, bodies, orElse, line);
            } else {
                endTag();
                return new Node.If(tests, bodies, List.of(), line);
            }
        }
    }

    private Node forStatement(int line) {
        List<String> targets = targets();
        expectName("in");
        Expr iterable = parseTuple(false);
        Expr filter = null;
        if (peek().isName("if")) {
            next();
            filter = parseExpression(true);
        }
        if (peek().isName("recursive")) {
            throw syntax("recursive for loops are not supported");
        }
        endTag();
        loops++;
        List<Node> body = subparse(Set.of("endfor", "else"));
        loops--;
        next();
        List<Node> orElse = List.of();
        if (next().value().equals("else")) {
            endTag();
            orElse = subparse(Set.of("endfor"));
            closeBlock("endfor");
        } else {
            endTag();
        }
        return new Node.For(targets, iterable, filter, body, orElse, line);
    }

    private Node setStatement(int line) {
        Token first = expect(Type.NAME, "a variable name");
        if (peek().isOp(".")) {
            next();
            String attribute = expect(Type.NAME, "an attribute name").value();
            expectOp("=");
            Expr value = parseTuple(true);
            endTag();
            return new Node.SetAttr(first.value(), attribute, value, line);
        }
        List<String> targets = new ArrayList<>(List.of(first.value()));
        while (peek().isOp(",")) {
            next();
            targets.add(expect(Type.NAME, "a variable name").value());
        }
        if (peek().isOp("=")) {
            next();
            Expr value = parseTuple(true);
            endTag();
            return new Node.Set(targets, value, line);
        }
        if (peek().isOp("|")) {
            throw syntax("filtered set blocks are not supported");
        }
        endTag();
        List<Node> body = subparse(Set.of("endset"));
        closeBlock("endset");
        return new Node.SetBlock(first.value(), body, line);
    }

    private Node macro(int line) {
        String name = expect(Type.NAME, "a macro name").value();
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        expectOp("(");
        while (!peek().isOp(")")) {
            if (!params.isEmpty()) {
                expectOp(",");
            }
            params.add(expect(Type.NAME, "a parameter name").value());
            Expr dflt = null;
            if (peek().isOp("=")) {
                next();
                dflt = parseExpression(true);
            }
            defaults.add(dflt);
        }
        next();
        endTag();
        int outerLoops = loops;
        loops = 0;
        List<Node> body = subparse(Set.of("endmacro"));
        loops = outerLoops;
        closeBlock("endmacro");
        return new Node.Macro(name, params, defaults, body, line);
    }

    private Node filterBlock(int line) {
        Expr filter = parseFilter(new Expr.Name(Node.FilterBlock.BODY), false);
        endTag();
        List<Node> body = subparse(Set.of("endfilter"));
        closeBlock("endfilter");
        return new Node.FilterBlock(filter, body, line);
    }

    private List<String> targets() {
        List<String> names = new ArrayList<>();
        boolean paren = peek().isOp("(");
        if (paren) {
            next();
        }
        names.add(expect(Type.NAME, "a loop variable").value());
        while (peek().isOp(",")) {
            next();
            names.add(expect(Type.NAME, "a loop variable").value());
        }
        if (paren) {
            expectOp(")");
        }
        return names;
    }

    private void closeBlock(String keyword) {
        expect(Type.BLOCK_BEGIN, "{%");
        expectName(keyword);
        endTag();
    }

    private void endTag() {
        expect(Type.BLOCK_END, "%}");
    }
}
