package dev.tunebench.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tunebench.data.Suggestions;
import dev.tunebench.run.RunOptions;
import dev.tunebench.run.Shard;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.suite.ModelSpec;
import dev.tunebench.suite.Suite;
import dev.tunebench.technique.Technique;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a suite's {@code perf:} section (docs/suite-format.md) into a {@link PerfPlan}. Settings at the
 * top of the section are defaults for every scenario; a scenario entry may override them.
 */
public final class PerfSection {
    private static final Set<String> TOP = Set.of("models", "technique", "scenarios", "warmup", "warmup_s",
            "requests", "duration_s", "trials", "max_new_tokens", "slo", "seed");
    private static final Set<String> ENTRY = Set.of("scenario", "batch_sizes", "workers", "concurrency", "rate", "warmup",
            "warmup_s", "requests", "duration_s", "trials", "max_new_tokens", "slo", "seed");

    private final String file;
    private final long suiteSeed;

    private PerfSection(String file, long suiteSeed) {
        this.file = file;
        this.suiteSeed = suiteSeed;
    }

    /**
     * The perf plan of a `tunebench run`: the section's models narrowed by {@code --models}; null when the
     * suite has no perf section or the run is one shard (shards may run on different machines, and perf
     * figures from several machines do not pool).
     */
    public static PerfPlan forRun(Suite suite, RunOptions options) {
        PerfPlan plan = parse(suite);
        return plan == null || !options.shard().equals(Shard.ALL) ? null : plan.onlyModels(options.models());
    }

    /**
     * The plan of {@code suite}'s perf section, or null when the suite has none. Every scenario is checked
     * here, so a mistake fails before the quality run rather than after it.
     */
    public static PerfPlan parse(Suite suite) {
        JsonNode perf = suite.perf();
        if (perf == null || perf.isMissingNode() || perf.isNull()) {
            return null;
        }
        PerfPlan plan = new PerfSection(suite.file().toString(), suite.seed()).plan(suite, perf);
        plan.scenarios().forEach(e -> e.settings(suite.generation(), 1));
        return plan;
    }

    private PerfPlan plan(Suite suite, JsonNode perf) {
        requireObject(perf, "perf", TOP);
        List<ModelSpec> models = new ArrayList<>();
        if (perf.has("models")) {
            List<String> known = suite.models().stream().map(ModelSpec::id).toList();
            for (String id : strings(perf.get("models"), "perf.models")) {
                ModelSpec m = suite.model(id).orElseThrow(() -> error("perf.models", "unknown model '" + id + "'"
                        + Suggestions.didYouMean(id, known) + "; models of this suite: " + known));
                if (!generates(m)) {
                    throw error("perf.models", "model '" + id + "' (runner type " + m.runnerType() + ") generates nothing "
                            + "here, so there is nothing to time; leave it out of perf.models");
                }
                models.add(m);
            }
        } else {
            // Models whose answers were made elsewhere (replayed) have nothing to time.
            suite.models().stream().filter(PerfSection::generates).forEach(models::add);
        }
        String techniqueName = perf.has("technique") ? text(perf.get("technique"), "perf.technique") : suite.referenceTechnique();
        List<String> techniques = suite.techniques().stream().map(Technique::name).toList();
        Technique technique = suite.technique(techniqueName).orElseThrow(() -> error("perf.technique",
                "unknown technique '" + techniqueName + "'" + Suggestions.didYouMean(techniqueName, techniques)
                        + "; techniques of this suite: " + techniques));
        JsonNode entries = perf.path("scenarios");
        if (!entries.isArray() || entries.isEmpty()) {
            throw error("perf.scenarios", "expected a non-empty list, e.g. [single-stream, {scenario: offline, "
                    + "batch_sizes: [1, 8]}]");
        }
        List<PerfPlan.Entry> scenarios = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            scenarios.add(entry(perf, entries.get(i), "perf.scenarios[" + i + "]"));
        }
        return new PerfPlan(suite.eval(), models, technique, scenarios);
    }

    private PerfPlan.Entry entry(JsonNode top, JsonNode node, String where) {
        if (node.isTextual()) {
            return entry(top, node.textValue(), MissingNode.getInstance(), where);
        }
        requireObject(node, where, ENTRY);
        if (!node.has("scenario")) {
            throw error(where, "missing `scenario:` (single-stream, offline or server)");
        }
        return entry(top, text(node.get("scenario"), where + ".scenario"), node, where);
    }

    private PerfPlan.Entry entry(JsonNode top, String name, JsonNode node, String where) {
        Scenario scenario = Scenario.parse(name, file + ": " + where + ".scenario");
        int concurrency = node.has("concurrency") ? integer(node.get("concurrency"), where + ".concurrency") : PerfDefaults.CONCURRENCY;
        Budget warmup = budget("warmup", "warmup_s", node, top, where);
        Budget measure = budget("requests", "duration_s", node, top, where);
        List<Integer> batches = node.has("batch_sizes") ? integers(node.get("batch_sizes"), where + ".batch_sizes")
                : scenario == Scenario.OFFLINE ? PerfDefaults.OFFLINE_BATCH_SIZES : List.of(1);
        Double rate = node.has("rate") ? number(node.get("rate"), where + ".rate") : null;
        List<Integer> workers = node.has("workers") ? integers(node.get("workers"), where + ".workers") : List.of(1);
        List<Slo> slos = new ArrayList<>();
        for (String s : strings(pick("slo", node, top), where + ".slo")) {
            slos.add(Slo.parse(s, file + ": " + where + ".slo"));
        }
        JsonNode trials = pick("trials", node, top);
        JsonNode maxNew = pick("max_new_tokens", node, top);
        JsonNode seed = pick("seed", node, top);
        return new PerfPlan.Entry(scenario, batches, concurrency, rate,
                warmup != null ? warmup : Budget.seconds(PerfDefaults.WARMUP_SECONDS), measure,
                trials.isMissingNode() ? PerfDefaults.TRIALS : integer(trials, where + ".trials"),
                maxNew.isMissingNode() ? null : integer(maxNew, where + ".max_new_tokens"), slos,
                seed.isMissingNode() ? suiteSeed : seed.asLong(), file + ": " + where, workers);
    }

    /** A count or a duration, from the entry if it sets either, else from the section; null when neither. */
    private Budget budget(String count, String seconds, JsonNode node, JsonNode top, String where) {
        boolean own = node.has(count) || node.has(seconds);
        JsonNode level = own ? node : top;
        String at = own ? where : "perf";
        if (level.has(count) && level.has(seconds)) {
            throw error(at, "give `" + count + "` or `" + seconds + "`, not both");
        }
        if (level.has(count)) {
            return Budget.requests(integer(level.get(count), at + "." + count));
        }
        return level.has(seconds) ? Budget.seconds(number(level.get(seconds), at + "." + seconds)) : null;
    }

    /** An entry's own setting wins over the section's default. */
    private static JsonNode pick(String name, JsonNode node, JsonNode top) {
        return node.has(name) ? node.get(name) : top.path(name);
    }

    private void requireObject(JsonNode node, String where, Set<String> allowed) {
        if (!node.isObject()) {
            throw error(where, "expected a mapping of settings");
        }
        for (String name : fieldNames(node)) {
            if (!allowed.contains(name)) {
                throw error(where, "unknown setting '" + name + "'" + Suggestions.didYouMean(name, allowed)
                        + "; allowed: " + allowed.stream().sorted().toList());
            }
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private String text(JsonNode node, String where) {
        if (!node.isTextual()) {
            throw error(where, "expected a name, got " + node);
        }
        return node.textValue();
    }

    private List<String> strings(JsonNode node, String where) {
        List<String> out = new ArrayList<>();
        if (node.isMissingNode()) {
            return out;
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            throw error(where, "expected a list of names, got " + node);
        }
        node.forEach(n -> out.add(text(n, where)));
        return out;
    }

    private int integer(JsonNode node, String where) {
        if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > Integer.MAX_VALUE) {
            throw error(where, "expected a whole number >= 1, got " + node);
        }
        return node.intValue();
    }

    private List<Integer> integers(JsonNode node, String where) {
        if (!node.isArray() || node.isEmpty()) {
            throw error(where, "expected a list of whole numbers >= 1, e.g. [1, 8], got " + node);
        }
        List<Integer> out = new ArrayList<>();
        node.forEach(n -> out.add(integer(n, where)));
        return out;
    }

    private double number(JsonNode node, String where) {
        if (!node.isNumber() || !(node.doubleValue() > 0)) {
            throw error(where, "expected a number > 0, got " + node);
        }
        return node.doubleValue();
    }

    /** An unknown runner type counts as generating: the runner checks report it, with the types there are. */
    private static boolean generates(ModelSpec m) {
        try {
            return RunnerFactories.find(m.runnerType()).generates();
        } catch (InputException unknownType) {
            return true;
        }
    }

    private InputException error(String where, String what) {
        return new InputException(file + ": " + where + ": " + what + ".");
    }
}
