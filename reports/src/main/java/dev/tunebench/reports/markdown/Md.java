package dev.tunebench.reports.markdown;

/** Escaping for untrusted text inside a GitHub-flavoured Markdown table cell. */
final class Md {
    /** Inside a table cell only inline markup matters; line-start markers (#, -, 1.) cannot occur there. */
    private static final String PUNCTUATION = "\\`*_[]|~";

    private Md() {
    }

    /**
     * Backslash-escapes inline Markdown punctuation (so {@code |} cannot split a cell and {@code [x](y)}
     * cannot make a link), writes {@code < > &} as entities (GitHub renders raw HTML), and folds newlines into spaces
     * (a table row is one line).
     */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\n', '\r', '\t' -> b.append(' ');
                default -> {
                    if (PUNCTUATION.indexOf(c) >= 0) {
                        b.append('\\');
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }
}
