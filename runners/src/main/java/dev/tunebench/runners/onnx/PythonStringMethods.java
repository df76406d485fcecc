package dev.tunebench.runners.onnx;

import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The Python {@code str} methods Hugging Face chat templates call ({@code content.startswith('x')},
 * {@code .rstrip()}, {@code .split()} …). Jinjava calls Java methods on strings, so without this
 * {@code .startswith} fails and {@code .split} returns a Java array. Placed first in the resolver chain,
 * it answers only these names on strings and leaves everything else to Jinjava.
 */
final class PythonStringMethods extends ELResolver {

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
        if (!(base instanceof String s) || !(method instanceof String name)) {
            return null;
        }
        Object[] args = params == null ? new Object[0] : params;
        Object result = call(s, name, args);
        if (result != null) {
            context.setPropertyResolved(true);
        }
        return result;
    }

    /** Returns null when the method is not one of ours, so Jinjava resolves it as before. */
    private static Object call(String s, String name, Object[] args) {
        switch (name) {
            case "startswith":
                return args.length == 1 ? anyMatch(args[0], s::startsWith) : null;
            case "endswith":
                return args.length == 1 ? anyMatch(args[0], s::endsWith) : null;
            case "strip":
                return args.length <= 1 ? rstrip(lstrip(s, chars(args)), chars(args)) : null;
            case "lstrip":
                return args.length <= 1 ? lstrip(s, chars(args)) : null;
            case "rstrip":
                return args.length <= 1 ? rstrip(s, chars(args)) : null;
            case "upper":
                return args.length == 0 ? s.toUpperCase(Locale.ROOT) : null;
            case "lower":
                return args.length == 0 ? s.toLowerCase(Locale.ROOT) : null;
            case "split":
                return args.length <= 1 ? split(s, args.length == 0 ? null : args[0]) : null;
            default:
                return null;
        }
    }

    /** Python accepts one string or a tuple of strings; Jinja turns a tuple into a list. */
    private static Boolean anyMatch(Object arg, Predicate<String> test) {
        if (arg instanceof Collection<?> options) {
            return options.stream().anyMatch(o -> test.test(String.valueOf(o)));
        }
        return test.test(String.valueOf(arg));
    }

    /** The characters to strip; null means whitespace, as in Python. */
    private static String chars(Object[] args) {
        return args.length == 0 || args[0] == null ? null : String.valueOf(args[0]);
    }

    private static boolean strippable(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    private static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length() && strippable(s.charAt(i), chars)) {
            i++;
        }
        return s.substring(i);
    }

    private static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0 && strippable(s.charAt(end - 1), chars)) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Python's split: no separator splits on runs of whitespace and drops empty parts. */
    private static List<String> split(String s, Object sep) {
        List<String> parts = new ArrayList<>();
        if (sep == null) {
            for (String p : s.trim().split("\\s+")) {
                if (!p.isEmpty()) {
                    parts.add(p);
                }
            }
            return parts;
        }
        String separator = String.valueOf(sep);
        if (separator.isEmpty()) {
            return null;
        }
        int from = 0;
        for (int at = s.indexOf(separator); at >= 0; at = s.indexOf(separator, from)) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // Read-only: templates never assign through this resolver.
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
