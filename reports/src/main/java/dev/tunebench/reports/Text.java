package dev.tunebench.reports;

/** Makes untrusted strings safe to carry into XML-based outputs and bounded in size. */
public final class Text {
    private Text() {
    }

    /**
     * Replaces characters XML 1.0 forbids (control characters, lone surrogates) with U+FFFD: model
     * outputs can hold anything, and one stray byte must not make report.html or junit.xml unparsable.
     */
    public static String clean(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                ok = !Character.isLowSurrogate(c)
                        && (c >= 0x20 && c != 0xFFFE && c != 0xFFFF || c == '\t' || c == '\n' || c == '\r');
            }
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(ok ? c : '\uFFFD');
            }
        }
        return out == null ? s : out.toString();
    }

    /** At most {@code max} characters, with a visible mark when something was cut. */
    public static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + " … [" + (s.length() - end) + " more characters]";
    }

    /** At most {@code max} characters, ending in an ellipsis when cut: for short labels. */
    public static String ellipsis(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
