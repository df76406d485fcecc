package dev.tunebench.runners.onnx.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Python str algorithms whose Java counterparts differ (whitespace, title case, split). */
final class Strings {
    private Strings() {
    }

    /** str.strip/lstrip/rstrip: no argument strips Unicode whitespace as Python does. */
    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && strippable(s.codePointAt(start), chars)) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (right && end > start && strippable(s.codePointBefore(end), chars)) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    private static boolean strippable(int c, String chars) {
        return chars == null ? Py.isSpace(c) : chars.indexOf(new String(Character.toChars(c))) >= 0;
    }

    static List<Object> split(String s, Object sep, long maxsplit) {
        List<Object> parts = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && Py.isSpace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    return parts;
                }
                if (maxsplit >= 0 && parts.size() == maxsplit) {
                    parts.add(strip(s.substring(i), null, false, true));
                    return parts;
                }
                int j = i;
                while (j < n && !Py.isSpace(s.charAt(j))) {
                    j++;
                }
                parts.add(s.substring(i, j));
                i = j;
            }
        }
        String separator = separator(sep);
        int from = 0;
        for (int at = s.indexOf(separator); at >= 0 && (maxsplit < 0 || parts.size() < maxsplit);
             at = s.indexOf(separator, from)) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    static List<Object> rsplit(String s, Object sep, long maxsplit) {
        if (sep == null || maxsplit < 0) {
            return split(s, sep, maxsplit);
        }
        String separator = separator(sep);
        List<Object> parts = new ArrayList<>();
        int end = s.length();
        for (int at = s.lastIndexOf(separator, end - separator.length()); at >= 0 && parts.size() < maxsplit;
             at = s.lastIndexOf(separator, end - separator.length())) {
            parts.add(s.substring(at + separator.length(), end));
            end = at;
        }
        parts.add(s.substring(0, end));
        Collections.reverse(parts);
        return parts;
    }

    private static String separator(Object sep) {
        if (!(sep instanceof String separator)) {
            throw TemplateException.error("must be str or None, not " + Py.typeName(sep));
        }
        if (separator.isEmpty()) {
            throw TemplateException.error("empty separator");
        }
        return separator;
    }

    static List<Object> splitlines(String s) {
        List<Object> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u000b' || c == '\f' || c == 0x1c || c == 0x1d || c == 0x1e
                    || c == 0x85 || c == '\u2028' || c == '\u2029') {
                lines.add(s.substring(start, i));
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }

    static boolean affix(String s, Object arg, boolean prefix) {
        if (arg instanceof Tuple options) {
            for (Object o : options) {
                if (affix(s, o, prefix)) {
                    return true;
                }
            }
            return false;
        }
        if (!(arg instanceof String a)) {
            throw TemplateException.error((prefix ? "startswith" : "endswith") + " first arg must be str or a tuple of "
                    + "str, not " + Py.typeName(arg));
        }
        return prefix ? s.startsWith(a) : s.endsWith(a);
    }

    /** str.title(): a cased character after an uncased one starts a word. */
    static String title(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            boolean cased = Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
            if (cased) {
                b.append(previousCased ? new String(Character.toChars(c)).toLowerCase(Locale.ROOT) : titleCase(c));
            } else {
                b.appendCodePoint(c);
            }
            previousCased = cased;
        }
        return b.toString();
    }

    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        return titleCase(first) + s.substring(Character.charCount(first)).toLowerCase(Locale.ROOT);
    }

    private static String titleCase(int c) {
        String upper = new String(Character.toChars(c)).toUpperCase(Locale.ROOT);
        return upper.codePointCount(0, upper.length()) == 1 ? new String(Character.toChars(Character.toTitleCase(c)))
                : upper.charAt(0) + upper.substring(1).toLowerCase(Locale.ROOT);
    }

    static String replace(String s, String old, String replacement, long count, Budget budget) {
        long occurrences = old.isEmpty() ? s.codePointCount(0, s.length()) + 1L : count(s, old);
        long replaced = count < 0 ? occurrences : Math.min(count, occurrences);
        budget.size(s.length() + replaced * (replacement.length() - old.length()));
        if (count < 0) {
            return old.isEmpty() ? insertEverywhere(s, replacement) : s.replace(old, replacement);
        }
        StringBuilder b = new StringBuilder();
        int from = 0;
        for (long n = 0; n < count; n++) {
            int at = s.indexOf(old, from);
            if (at < 0 || old.isEmpty()) {
                break;
            }
            b.append(s, from, at).append(replacement);
            from = at + old.length();
        }
        return b.append(s.substring(from)).toString();
    }

    private static String insertEverywhere(String s, String insert) {
        StringBuilder b = new StringBuilder(insert);
        s.codePoints().forEach(c -> b.appendCodePoint(c).append(insert));
        return b.toString();
    }

    static long count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.codePointCount(0, s.length()) + 1L;
        }
        long n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    static int codePointIndex(String s, int charIndex) {
        return charIndex < 0 ? -1 : s.codePointCount(0, charIndex);
    }
}
