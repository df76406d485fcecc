package dev.tunebench.runners.onnx.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jinja2's lexer as transformers configures it: trim_blocks (one newline after a block or comment tag
 * is dropped), lstrip_blocks (spaces before a block or comment tag on its own line are dropped),
 * {@code -}/{@code +} whitespace control, newlines normalised and one trailing newline dropped.
 */
final class Lexer {
    private static final String[] OPERATORS = {"**", "//", "==", "!=", ">=", "<=", "+", "-", "/", "*", "%", "~", "[",
        "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";"};
    private static final Pattern RAW = Pattern.compile("\\s*raw\\s*(-?)%\\}");
    private static final Pattern END_RAW = Pattern.compile("\\{%([-+]?)\\s*endraw\\s*([-+]?)%\\}");
    private static final Pattern NUMBER = Pattern.compile(
            "(\\d+(?:_\\d+)*)(\\.\\d+(?:_\\d+)*)?([eE][+-]?\\d+(?:_\\d+)*)?");

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private boolean lineStarting = true;

    private Lexer(String source) {
        this.src = normalize(source);
    }

    static List<Token> lex(String source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        return lexer.tokens;
    }

    private static String normalize(String source) {
        String s = source.replace("\r\n", "\n").replace('\r', '\n');
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private void run() {
        while (pos < src.length()) {
            int open = nextOpen(pos);
            if (open < 0) {
                data(src.substring(pos));
                pos = src.length();
                break;
            }
            char kind = src.charAt(open + 1);
            char sign = open + 2 < src.length() ? src.charAt(open + 2) : 0;
            boolean signed = sign == '-' || sign == '+';
            String text = src.substring(pos, open);
            if (sign == '-') {
                text = rstrip(text);
            } else if (sign != '+' && kind != '{') {
                text = lstripBlock(text);
            }
            data(text);
            line += count(src, pos, open);
            pos = open + 2 + (signed ? 1 : 0);
            if (kind == '#') {
                comment();
            } else if (kind == '%' && raw()) {
                continue;
            } else {
                tag(kind == '{');
            }
        }
        tokens.add(new Token(Token.Type.EOF, "", line));
    }

    private int nextOpen(int from) {
        for (int i = src.indexOf('{', from); i >= 0 && i + 1 < src.length(); i = src.indexOf('{', i + 1)) {
            char c = src.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    private void data(String text) {
        if (!text.isEmpty()) {
            tokens.add(new Token(Token.Type.DATA, text, line));
        }
    }

    /** lstrip_blocks: drop the spaces between the line start and a block or comment tag. */
    private String lstripBlock(String text) {
        int lineStart = text.lastIndexOf('\n') + 1;
        if ((lineStart > 0 || lineStarting) && lineStart < text.length() && allSpace(text, lineStart)) {
            return text.substring(0, lineStart);
        }
        return text;
    }

    private void comment() {
        int end = src.indexOf("#}", pos);
        if (end < 0) {
            throw syntax("missing end of comment tag");
        }
        char before = end > pos ? src.charAt(end - 1) : 0;
        line += count(src, pos, end);
        pos = end + 2;
        closeTag(before == '-', before != '+', end);
    }

    private boolean raw() {
        Matcher m = RAW.matcher(src).region(pos, src.length());
        if (!m.lookingAt()) {
            return false;
        }
        pos = m.end();
        if (!m.group(1).isEmpty()) {
            pos = skipSpace(pos);
        }
        Matcher end = END_RAW.matcher(src);
        if (!end.find(pos)) {
            throw syntax("missing end of raw directive");
        }
        String body = src.substring(pos, end.start());
        data(end.group(1).equals("-") ? rstrip(body) : body);
        line += count(src, pos, end.end());
        pos = end.end();
        closeTag(end.group(2).equals("-"), !end.group(2).equals("+"), end.end() - 2);
        return true;
    }

    /** After a closing delimiter: '-' eats all whitespace, else trim_blocks eats one newline. */
    private void closeTag(boolean dash, boolean trim, int closeStart) {
        int before = pos;
        if (dash) {
            pos = skipSpace(pos);
        } else if (trim && pos < src.length() && src.charAt(pos) == '\n') {
            pos++;
        }
        line += count(src, before, pos);
        lineStarting = pos > closeStart && pos > 0 && src.charAt(pos - 1) == '\n';
    }

    private void tag(boolean variable) {
        tokens.add(new Token(variable ? Token.Type.VAR_BEGIN : Token.Type.BLOCK_BEGIN, "", line));
        String close = variable ? "}}" : "%}";
        int brackets = 0;
        while (true) {
            int start = pos;
            pos = skipSpace(pos);
            line += count(src, start, pos);
            if (pos >= src.length()) {
                throw syntax("unexpected end of template, expected '" + close + "'");
            }
            char c = src.charAt(pos);
            if (brackets > 0) {
                expressionToken(c);
                brackets += bracket(tokens.get(tokens.size() - 1));
                continue;
            }
            if ((c == '-' || c == '+') && src.startsWith(close, pos + 1)) {
                int closeStart = pos;
                pos += 3;
                tokens.add(new Token(variable ? Token.Type.VAR_END : Token.Type.BLOCK_END, "", line));
                closeTag(c == '-', !variable && c != '+', closeStart);
                return;
            }
            if (src.startsWith(close, pos)) {
                int closeStart = pos;
                pos += 2;
                tokens.add(new Token(variable ? Token.Type.VAR_END : Token.Type.BLOCK_END, "", line));
                closeTag(false, !variable, closeStart);
                return;
            }
            expressionToken(c);
            brackets += bracket(tokens.get(tokens.size() - 1));
        }
    }

    /** jinja2 balances brackets: a "}}" inside a dict literal does not close the tag. */
    private static int bracket(Token t) {
        if (t.type() != Token.Type.OP) {
            return 0;
        }
        String v = t.value();
        return v.equals("(") || v.equals("[") || v.equals("{") ? 1 : v.equals(")") || v.equals("]") || v.equals("}") ? -1 : 0;
    }

    private void expressionToken(char c) {
        if (c == '\'' || c == '"') {
            string(c);
        } else if (Character.isDigit(c)) {
            Matcher m = NUMBER.matcher(src).region(pos, src.length());
            m.lookingAt();
            boolean isFloat = m.group(2) != null || m.group(3) != null;
            tokens.add(new Token(isFloat ? Token.Type.FLOAT : Token.Type.INT, m.group().replace("_", ""), line));
            pos = m.end();
        } else if (Character.isLetter(c) || c == '_') {
            int end = pos;
            while (end < src.length() && (Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_')) {
                end++;
            }
            tokens.add(new Token(Token.Type.NAME, src.substring(pos, end), line));
            pos = end;
        } else {
            for (String op : OPERATORS) {
                if (src.startsWith(op, pos)) {
                    tokens.add(new Token(Token.Type.OP, op, line));
                    pos += op.length();
                    return;
                }
            }
            throw syntax("unexpected char '" + c + "'");
        }
    }

    private void string(char quote) {
        int i = pos + 1;
        StringBuilder raw = new StringBuilder();
        while (i < src.length() && src.charAt(i) != quote) {
            if (src.charAt(i) == '\\' && i + 1 < src.length()) {
                raw.append(src.charAt(i++));
            }
            raw.append(src.charAt(i++));
        }
        if (i >= src.length()) {
            throw syntax("unterminated string");
        }
        tokens.add(new Token(Token.Type.STRING, Escapes.decode(raw.toString()), line));
        line += count(src, pos, i);
        pos = i + 1;
    }

    private int skipSpace(int from) {
        int i = from;
        while (i < src.length() && Py.isSpace(src.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean allSpace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!Py.isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Python's str.rstrip(). */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && Py.isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private TemplateException syntax(String message) {
        return new TemplateException(TemplateException.Kind.SYNTAX, message, line);
    }
}
