package dev.tunebench.runners.onnx.template;

/** Python's unicode-escape decoding, which jinja2 applies to string literals. */
final class Escapes {
    private Escapes() {
    }

    static String decode(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length()) {
                b.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case 'r': b.append('\r'); break;
                case '\\': b.append('\\'); break;
                case '\'': b.append('\''); break;
                case '"': b.append('"'); break;
                case 'a': b.append('\u0007'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'v': b.append('\u000b'); break;
                case '\n': break;
                case 'x': i = hex(raw, i, 2, b); break;
                case 'u': i = hex(raw, i, 4, b); break;
                case 'U': i = hex(raw, i, 8, b); break;
                default:
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < raw.length() && end < i + 3 && raw.charAt(end) >= '0' && raw.charAt(end) <= '7') {
                            end++;
                        }
                        b.appendCodePoint(Integer.parseInt(raw.substring(i, end), 8));
                        i = end - 1;
                    } else {
                        b.append('\\').append(e);
                    }
            }
        }
        return b.toString();
    }

    private static int hex(String raw, int at, int digits, StringBuilder b) {
        try {
            b.appendCodePoint(Integer.parseInt(raw.substring(at + 1, at + 1 + digits), 16));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new TemplateException(TemplateException.Kind.SYNTAX, "truncated \\" + raw.charAt(at) + " escape", 0);
        }
        return at + digits;
    }
}
