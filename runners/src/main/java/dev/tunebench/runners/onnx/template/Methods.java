package dev.tunebench.runners.onnx.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Python methods of str, dict and list that templates call ({@code content.strip()}, {@code d.items()}). */
final class Methods {
    private Methods() {
    }

    static Callable forDict(Map<?, ?> map, String name) {
        switch (name) {
            case "items":
                return (a, k) -> Filters.items(map);
            case "keys":
                return (a, k) -> new ArrayList<Object>(map.keySet());
            case "values":
                return (a, k) -> new ArrayList<Object>(map.values());
            case "get":
                return (a, k) -> map.containsKey(arg(a, 0, null)) ? map.get(a.get(0)) : arg(a, 1, null);
            case "copy":
                return (a, k) -> new LinkedHashMap<Object, Object>(map);
            default:
                return null;
        }
    }

    static Callable forList(List<?> list, String name) {
        switch (name) {
            case "count":
                return (a, k) -> list.stream().filter(x -> Py.eq(x, arg(a, 0, null))).count();
            case "index":
                return (a, k) -> {
                    for (int i = 0; i < list.size(); i++) {
                        if (Py.eq(list.get(i), arg(a, 0, null))) {
                            return (long) i;
                        }
                    }
                    throw TemplateException.error(Repr.repr(arg(a, 0, null)) + " is not in list");
                };
            default:
                return null;
        }
    }

    static Callable forString(String s, String name, Budget budget) {
        switch (name) {
            case "strip":
                return (a, k) -> Strings.strip(s, chars(a), true, true);
            case "lstrip":
                return (a, k) -> Strings.strip(s, chars(a), true, false);
            case "rstrip":
                return (a, k) -> Strings.strip(s, chars(a), false, true);
            case "split":
                return (a, k) -> Strings.split(s, arg(a, 0, k.get("sep")), maxsplit(a, k));
            case "rsplit":
                return (a, k) -> Strings.rsplit(s, arg(a, 0, k.get("sep")), maxsplit(a, k));
            case "splitlines":
                return (a, k) -> Strings.splitlines(s);
            case "startswith":
                return (a, k) -> Strings.affix(s, arg(a, 0, null), true);
            case "endswith":
                return (a, k) -> Strings.affix(s, arg(a, 0, null), false);
            case "upper":
                return (a, k) -> s.toUpperCase(Locale.ROOT);
            case "lower":
                return (a, k) -> s.toLowerCase(Locale.ROOT);
            case "title":
                return (a, k) -> Strings.title(s);
            case "capitalize":
                return (a, k) -> Strings.capitalize(s);
            case "replace":
                return (a, k) -> Strings.replace(s, str(a, 0), str(a, 1), a.size() > 2 ? Py.toLong(a.get(2)) : -1, budget);
            case "find":
                return (a, k) -> (long) Strings.codePointIndex(s, s.indexOf(str(a, 0)));
            case "rfind":
                return (a, k) -> (long) Strings.codePointIndex(s, s.lastIndexOf(str(a, 0)));
            case "count":
                return (a, k) -> Strings.count(s, str(a, 0));
            case "join":
                return (a, k) -> Filters.join(arg(a, 0, null), s, budget);
            case "isdigit":
                return (a, k) -> !s.isEmpty() && s.codePoints().allMatch(Character::isDigit);
            case "isalpha":
                return (a, k) -> !s.isEmpty() && s.codePoints().allMatch(Character::isLetter);
            case "isalnum":
                return (a, k) -> !s.isEmpty() && s.codePoints().allMatch(Character::isLetterOrDigit);
            case "isspace":
                return (a, k) -> !s.isEmpty() && s.codePoints().allMatch(Py::isSpace);
            case "isupper":
                return (a, k) -> s.chars().anyMatch(Character::isUpperCase) && s.equals(s.toUpperCase(Locale.ROOT));
            case "islower":
                return (a, k) -> s.chars().anyMatch(Character::isLowerCase) && s.equals(s.toLowerCase(Locale.ROOT));
            case "removeprefix":
                return (a, k) -> s.startsWith(str(a, 0)) ? s.substring(str(a, 0).length()) : s;
            case "removesuffix":
                return (a, k) -> !str(a, 0).isEmpty() && s.endsWith(str(a, 0))
                        ? s.substring(0, s.length() - str(a, 0).length()) : s;
            default:
                return null;
        }
    }

    static Object arg(List<Object> args, int i, Object dflt) {
        return i < args.size() ? args.get(i) : dflt;
    }

    private static String str(List<Object> args, int i) {
        Object v = arg(args, i, null);
        if (!(v instanceof String s)) {
            throw TemplateException.error("must be str, not " + Py.typeName(v));
        }
        return s;
    }

    private static String chars(List<Object> args) {
        Object v = arg(args, 0, null);
        if (v != null && !(v instanceof String)) {
            throw TemplateException.error("strip arg must be None or str");
        }
        return (String) v;
    }

    private static long maxsplit(List<Object> args, Map<String, Object> kwargs) {
        Object v = arg(args, 1, kwargs.getOrDefault("maxsplit", -1L));
        return Py.toLong(v);
    }
}
