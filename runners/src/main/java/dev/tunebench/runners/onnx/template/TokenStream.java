package dev.tunebench.runners.onnx.template;

import dev.tunebench.runners.onnx.template.Token.Type;

import java.util.List;

/** The tokens of one template, read front to back, with a bound on how deeply the grammar nests. */
abstract class TokenStream {
    /** Deeper nesting than this is refused (jinja2 itself stops with RecursionError). */
    private static final int MAX_NESTING = 200;

    private final List<Token> tokens;
    private int at;
    int depth;

    TokenStream(List<Token> tokens) {
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

    /** Steps back one token, to report an error at it. */
    void back() {
        at--;
    }
}
