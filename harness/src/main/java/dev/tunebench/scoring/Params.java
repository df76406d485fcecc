package dev.tunebench.scoring;

import dev.tunebench.spi.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A scorer spec's parameters, read with their expected types. Every problem becomes an
 * {@link InputException} naming where the scorer is declared, the field and what was expected.
 */
final class Params {
    private final ScorerSpec spec;

    /** Rejects parameters the type does not know, suggesting the closest known one. */
    Params(ScorerSpec spec, ScorerType type) {
        this.spec = spec;
        for (String key : new TreeSet<>(spec.params().keySet())) {
            if (!type.params().contains(key)) {
                String known = type.params().isEmpty() ? "none" : String.join(", ", new TreeSet<>(type.params()));
                throw error(key, "unknown parameter for scorer type " + type.id() + "; known parameters: " + known
                        + Names.didYouMean(key, type.params()));
            }
        }
    }

    String name() {
        return spec.name();
    }

    String where() {
        return spec.where();
    }

    boolean has(String key) {
        return spec.params().containsKey(key);
    }

    Object raw(String key) {
        return spec.params().get(key);
    }

    InputException error(String field, String problem) {
        return new InputException(spec.where() + ": " + field + ": " + problem);
    }

    Optional<String> string(String key) {
        Object value = spec.params().get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s) || s.isEmpty()) {
            throw error(key, "expected a non-empty string, got " + describe(value));
        }
        return Optional.of(s);
    }

    boolean bool(String key, boolean defaultValue) {
        Object value = spec.params().get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean b)) {
            throw error(key, "expected true or false, got " + describe(value));
        }
        return b;
    }

    /** A whole number ≥ 0, or empty when absent. */
    Optional<Integer> count(String key) {
        Object value = spec.params().get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && n.doubleValue() >= 0 && n.doubleValue() <= Integer.MAX_VALUE) {
            return Optional.of(n.intValue());
        }
        throw error(key, "expected a whole number ≥ 0, got " + describe(value));
    }

    /** A non-empty list of non-empty strings, or empty when absent. */
    Optional<List<String>> strings(String key) {
        Object value = spec.params().get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw error(key, "expected a non-empty list of strings, e.g. [a, b], got " + describe(value));
        }
        List<String> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s) || s.isEmpty()) {
                throw error(key + "[" + i + "]", "expected a non-empty string, got " + describe(list.get(i)));
            }
            result.add(s);
        }
        return Optional.of(List.copyOf(result));
    }

    Optional<Map<?, ?>> map(String key) {
        Object value = spec.params().get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw error(key, "expected a mapping, got " + describe(value));
        }
        return Optional.of(m);
    }

    /** Compiles a regex parameter once, naming the syntax error and its position. */
    Optional<Pattern> pattern(String key) {
        return string(key).map(regex -> {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw error(key, "invalid regex '" + regex + "': " + e.getDescription() + " at index " + e.getIndex());
            }
        });
    }

    /** Exactly one of two alternative parameters must be given. */
    void requireOneOf(String first, String second) {
        if (has(first) == has(second)) {
            String problem = has(first) ? "give only one of " + first + " and " + second
                    : "missing; give " + first + " or " + second;
            throw error(has(first) ? second : first, problem);
        }
    }

    /** At most one of a set of alternative parameters may be given. */
    void atMostOneOf(Set<String> keys) {
        List<String> given = keys.stream().filter(this::has).sorted().toList();
        if (given.size() > 1) {
            throw error(given.get(1), "give only one of " + String.join(", ", given));
        }
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        return String.valueOf(value);
    }
}
