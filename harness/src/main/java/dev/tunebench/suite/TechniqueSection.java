package dev.tunebench.suite;

import dev.tunebench.data.DataSource;
import dev.tunebench.data.DatasetReader;
import dev.tunebench.data.Row;
import dev.tunebench.technique.FewShot;
import dev.tunebench.technique.FewShotExamples;
import dev.tunebench.technique.FewShotSpec;
import dev.tunebench.technique.GiveAnOut;
import dev.tunebench.technique.InstructionPosition;
import dev.tunebench.technique.OutputSpec;
import dev.tunebench.technique.Prime;
import dev.tunebench.technique.RepeatInstruction;
import dev.tunebench.technique.Stop;
import dev.tunebench.technique.SystemText;
import dev.tunebench.technique.Technique;
import dev.tunebench.technique.Transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Parses {@code techniques:}. Few-shot examples are chosen from the pool here, once, so applying a
 * technique during a run never reads a file; {@code order: permutations} expands into one technique per
 * ordering, named {@code name[perm-1]}, {@code name[perm-2]}, ...
 */
final class TechniqueSection {
    static final String DEFAULT_NAME = "as-is";
    private static final List<String> KINDS = List.of("system", "repeat_instruction", "instruction_position",
            "output_spec", "give_an_out", "prime", "few_shot", "stop");

    private final Optional<DataSource> pool;
    private final long seed;

    private TechniqueSection(Optional<DataSource> pool, long seed) {
        this.pool = pool;
        this.seed = seed;
    }

    static List<Technique> parse(YamlNode techniques, Optional<DataSource> pool, long seed) {
        if (!techniques.present()) {
            return List.of(new Technique(DEFAULT_NAME, List.of()));
        }
        TechniqueSection section = new TechniqueSection(pool, seed);
        List<Technique> out = new ArrayList<>();
        Map<String, String> declaredAt = new HashMap<>();
        if (techniques.list().isEmpty()) {
            throw techniques.error("empty; list at least one technique, e.g. - {name: as-is}.");
        }
        for (YamlNode t : techniques.list()) {
            for (Technique technique : section.technique(t)) {
                String earlier = declaredAt.putIfAbsent(technique.name(), t.path());
                if (earlier != null) {
                    throw t.get("name").error("duplicate technique name '" + technique.name() + "' (also " + earlier
                            + "); rename one.");
                }
                out.add(technique);
            }
        }
        return out;
    }

    private List<Technique> technique(YamlNode node) {
        node.object("name", "transforms");
        String name = node.get("name").name();
        List<Transform> transforms = new ArrayList<>();
        List<List<FewShot.Example>> permutations = null;
        int permutedAt = -1;
        for (YamlNode t : node.get("transforms").listOrEmpty()) {
            if (!t.isObject() || t.keys().size() != 1) {
                throw t.error("expected one transform, a map with a single key: " + String.join(", ", KINDS) + ".");
            }
            String kind = t.keys().get(0);
            t.object(KINDS.toArray(String[]::new));
            YamlNode v = t.get(kind);
            if (kind.equals("few_shot")) {
                FewShotSpec spec = fewShotSpec(v);
                List<List<FewShot.Example>> orderings = FewShotExamples.orderings(spec, examples(v, spec));
                if (orderings.size() > 1) {
                    if (permutations != null) {
                        throw v.error("only one few_shot per technique may use order: permutations.");
                    }
                    permutations = orderings;
                    permutedAt = transforms.size();
                }
                transforms.add(new FewShot(orderings.get(0)));
            } else {
                transforms.add(transform(kind, v));
            }
        }
        if (permutations == null) {
            return List.of(new Technique(name, transforms));
        }
        List<Technique> expanded = new ArrayList<>();
        for (int i = 0; i < permutations.size(); i++) {
            List<Transform> copy = new ArrayList<>(transforms);
            copy.set(permutedAt, new FewShot(permutations.get(i)));
            expanded.add(new Technique(name + "[perm-" + (i + 1) + "]", copy));
        }
        return expanded;
    }

    private static Transform transform(String kind, YamlNode v) {
        return switch (kind) {
            case "system" -> systemText(v);
            case "repeat_instruction" -> {
                if (v.isText()) {
                    yield new RepeatInstruction(v.text(), null);
                }
                if (!v.present()) {
                    yield new RepeatInstruction(null, null);
                }
                v.object("text", "separator");
                yield new RepeatInstruction(v.get("text").textOr(null), v.get("separator").textOr(null));
            }
            case "instruction_position" -> {
                YamlNode position = v.isObject() ? v.object("position", "separator").get("position") : v;
                InstructionPosition.Position p = InstructionPosition.Position.values()[position.choice(List.of("before", "after"))];
                yield new InstructionPosition(p, v.isObject() ? v.get("separator").textOr(null) : null);
            }
            case "output_spec" -> v.isObject()
                    ? new OutputSpec(v.object("text", "separator").get("text").text(), v.get("separator").textOr(null))
                    : new OutputSpec(v.text(), null);
            case "give_an_out" -> v.isObject()
                    ? new GiveAnOut(v.object("text", "separator").get("text").text(), v.get("separator").textOr(null))
                    : new GiveAnOut(v.text(), null);
            case "prime" -> new Prime(v.text());
            case "stop" -> new Stop(SettingsSection.strings(v));
            default -> throw new IllegalStateException("unreachable: kinds are checked against KINDS");
        };
    }

    private static SystemText systemText(YamlNode v) {
        v.object("replace", "prepend", "append", "separator");
        List<String> modes = List.of("replace", "prepend", "append");
        List<String> given = modes.stream().filter(m -> v.get(m).present()).toList();
        if (given.size() != 1) {
            throw v.error("give exactly one of replace:, prepend: or append: with the system text.");
        }
        SystemText.Mode mode = SystemText.Mode.values()[modes.indexOf(given.get(0))];
        return new SystemText(mode, v.get(given.get(0)).text(), v.get("separator").textOr(null));
    }

    private FewShotSpec fewShotSpec(YamlNode v) {
        v.object("k", "selection", "order", "seed");
        YamlNode k = v.get("k");
        if (!k.present()) {
            throw k.error("missing; how many examples, e.g. k: 3.");
        }
        YamlNode selection = v.get("selection");
        YamlNode order = v.get("order");
        FewShotSpec spec = new FewShotSpec(k.integer(1),
                selection.present() ? FewShotSpec.Selection.values()[selection.choice(FewShotSpec.selectionNames())]
                        : FewShotSpec.Selection.FIRST,
                order.present() ? FewShotSpec.Order.values()[order.choice(FewShotSpec.orderNames())]
                        : FewShotSpec.Order.AS_IS,
                v.get("seed").present() ? v.get("seed").longValue() : seed);
        if (spec.order() == FewShotSpec.Order.PERMUTATIONS && spec.k() > FewShotSpec.MAX_PERMUTED_K) {
            throw k.error("order: permutations with k = " + spec.k() + " would make " + spec.k()
                    + "! techniques; use k <= " + FewShotSpec.MAX_PERMUTED_K + " or order: shuffled.");
        }
        return spec;
    }

    private List<FewShot.Example> examples(YamlNode v, FewShotSpec spec) {
        DataSource source = pool.orElseThrow(() -> v.error(
                "few-shot examples come from data.few_shot_pool, which the suite does not set; add it, e.g. "
                        + "few_shot_pool: data/train.jsonl."));
        List<FewShot.Example> selected;
        try (Stream<Row> rows = DatasetReader.open(source)) {
            selected = FewShotExamples.select(spec, rows);
        }
        if (selected.size() < spec.k()) {
            String what = spec.selection() == FewShotSpec.Selection.FIRST_DISTINCT_ANSWER ? "distinct answers" : "rows";
            throw v.get("k").error("asks for " + spec.k() + " examples but the few-shot pool " + source.file()
                    + " has only " + selected.size() + " " + what + "; lower k or use a larger pool.");
        }
        return selected;
    }
}
