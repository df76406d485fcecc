package dev.tunebench.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.data.Suggestions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of a model's {@code runner:} map that belong to its runner kind (everything but the shared
 * {@link #SHARED_KEYS}): the model's own keys over the suite-level ones. Each value remembers where it was
 * written, so a runner that parses its own typed settings fails with {@code suite.yaml:LINE: field: problem}
 * like the rest of the suite loader. Equality is by values only.
 */
public final class RunnerOptions {
    /** Keys every runner kind shares; the engine reads them, so they never reach a runner's options. */
    public static final List<String> SHARED_KEYS = List.of("type", "device", "threads", "batch_size", "workers");
    public static final RunnerOptions NONE = new RunnerOptions(Map.of(), Path.of(""));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One value and where it was written, e.g. {@code suite.yaml:12: models[1].runner.base_url}. */
    public record Entry(JsonNode value, String where) {
        public Entry {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(where, "where");
        }
    }

    private final Map<String, Entry> entries;
    private final Path baseDir;

    /**
     * @param baseDir relative paths among the values resolve against it (the suite file's folder)
     */
    public RunnerOptions(Map<String, Entry> entries, Path baseDir) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
    }

    /** Options given outside a suite (command line, tests); {@code origin} names where, e.g. {@code --endpoint}. */
    public static RunnerOptions of(Map<String, ?> values, String origin) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        values.forEach((k, v) -> entries.put(k, new Entry(JSON.valueToTree(v), origin + ": " + k)));
        return new RunnerOptions(entries, Path.of("").toAbsolutePath());
    }

    /** The same options with relative paths resolved against {@code dir}. */
    public RunnerOptions withBaseDir(Path dir) {
        return new RunnerOptions(entries, dir);
    }

    /** These options with {@code higher}'s keys winning. */
    public RunnerOptions under(RunnerOptions higher) {
        if (higher.entries.isEmpty()) {
            return this;
        }
        Map<String, Entry> merged = new LinkedHashMap<>(entries);
        merged.putAll(higher.entries);
        return new RunnerOptions(merged, higher.baseDir);
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    public boolean has(String key) {
        Entry e = entries.get(key);
        return e != null && !e.value().isNull();
    }

    public String where(String key) {
        Entry e = entries.get(key);
        return e != null ? e.where() : "runner." + key;
    }

    /** {@code where: problem}; the problem should say what was expected and how to fix it. */
    public InputException error(String key, String problem) {
        return new InputException(where(key) + ": " + problem);
    }

    /** Fails on the first key not in {@code allowed}, naming the closest allowed one. */
    public void allowOnly(String runnerId, String... allowed) {
        List<String> known = new ArrayList<>(Arrays.asList(allowed));
        for (String key : entries.keySet()) {
            if (!known.contains(key)) {
                List<String> all = new ArrayList<>(known);
                all.addAll(SHARED_KEYS);
                throw error(key, "unknown key '" + key + "' for runner type " + runnerId + Suggestions.didYouMean(key, all)
                        + "; allowed: " + String.join(", ", all) + ".");
            }
        }
    }

    public Optional<String> text(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = entries.get(key).value();
        if (!v.isValueNode()) {
            throw error(key, "expected a text value, got " + describe(v) + ".");
        }
        return Optional.of(v.asText());
    }

    public String require(String key, String hint) {
        return text(key).filter(t -> !t.isBlank()).orElseThrow(() -> error(key, "missing; " + hint));
    }

    public Optional<Integer> integer(String key, int min, int max) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = entries.get(key).value();
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw error(key, "expected a whole number from " + min + " to " + max + ", got " + describe(v) + ".");
        }
        return Optional.of(v.asInt());
    }

    public Optional<Double> number(String key, double min, double max) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = entries.get(key).value();
        if (!v.isNumber() || Double.isNaN(v.asDouble()) || v.asDouble() < min || v.asDouble() > max) {
            throw error(key, "expected a number from " + min + " to " + max + ", got " + describe(v) + ".");
        }
        return Optional.of(v.asDouble());
    }

    public Optional<Boolean> bool(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = entries.get(key).value();
        if (!v.isBoolean()) {
            throw error(key, "expected true or false, got " + describe(v) + ".");
        }
        return Optional.of(v.asBoolean());
    }

    /** A map of text values (e.g. extra headers); empty when absent. */
    public Map<String, String> stringMap(String key) {
        if (!has(key)) {
            return Map.of();
        }
        JsonNode v = entries.get(key).value();
        if (!v.isObject()) {
            throw error(key, "expected a map of names to text values, e.g. {X-Team: eval}, got " + describe(v) + ".");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var it = v.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw error(key, "value of '" + field.getKey() + "' must be a text value, got " + describe(field.getValue()) + ".");
            }
            out.put(field.getKey(), field.getValue().asText());
        }
        return Collections.unmodifiableMap(out);
    }

    /** A list of text values, or one text value as a list of one; empty when absent. */
    public List<String> strings(String key) {
        if (!has(key)) {
            return List.of();
        }
        JsonNode v = entries.get(key).value();
        List<String> out = new ArrayList<>();
        for (JsonNode item : v.isArray() ? v : List.of(v)) {
            if (!item.isValueNode() || item.isNull()) {
                throw error(key, "expected text values, got " + describe(item) + ".");
            }
            out.add(item.asText());
        }
        return List.copyOf(out);
    }

    /** A path value resolved against the suite file's folder. */
    public Optional<Path> path(String key) {
        return text(key).map(t -> baseDir.resolve(t).normalize());
    }

    /** Path values (a list, or one as a list of one) resolved against the suite file's folder; empty when absent. */
    public List<Path> paths(String key) {
        return strings(key).stream().map(t -> baseDir.resolve(t).normalize()).toList();
    }

    /** The raw value, for structured settings a runner reads itself. */
    public Optional<JsonNode> raw(String key) {
        return has(key) ? Optional.of(entries.get(key).value()) : Optional.empty();
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "\"" + v.asText() + "\"";
        }
        return v.isObject() ? "a map" : v.isArray() ? "a list" : v.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RunnerOptions other)) {
            return false;
        }
        return values().equals(other.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    private Map<String, JsonNode> values() {
        Map<String, JsonNode> v = new LinkedHashMap<>();
        entries.forEach((k, e) -> v.put(k, e.value()));
        return v;
    }

    @Override
    public String toString() {
        return "RunnerOptions" + new LinkedHashSet<>(entries.keySet());
    }
}
