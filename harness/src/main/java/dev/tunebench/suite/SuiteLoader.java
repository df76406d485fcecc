package dev.tunebench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tunebench.scoring.JudgeModel;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.scoring.ScorerSpec;
import dev.tunebench.scoring.Scorers;
import dev.tunebench.data.Utf8Reader;
import dev.tunebench.spi.InputException;
import dev.tunebench.technique.Technique;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The one way to read a suite: parses the YAML, resolves paths against the suite file's folder, checks
 * every field and name, and returns an immutable {@link Suite}. Every problem is an {@link InputException}
 * naming {@code file:line}, the field path, what was expected and the fix. Data rows are not read here
 * (apart from the few-shot pool); {@code DatasetReader.count} validates a data file on demand.
 */
public final class SuiteLoader {
    private static final String[] KEYS = {"name", "data", "models", "runner", "generation", "techniques",
            "reference_technique", "scorers", "metrics", "cost", "repeats", "seed", "checkpoints", "gates", "perf", "budget"};

    private SuiteLoader() {
    }

    public static Suite load(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return load(file, (spec, models) -> Scorers.create(spec, dir, id -> judgeModel(models, id)));
    }

    /** With another scorer factory, so suite tests do not depend on every scorer type. */
    static Suite load(Path file, Function<ScorerSpec, Scorer> scorerFactory) {
        return load(file, (spec, models) -> scorerFactory.apply(spec));
    }

    /** A judge scorer may ask one of the suite's models. */
    private static Optional<JudgeModel> judgeModel(List<ModelSpec> models, String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst()
                .map(m -> new JudgeModel(m.id(), m.runnerType(), m.folder().orElse(null), m.runner(), m.generation()));
    }

    private static Suite load(Path file, BiFunction<ScorerSpec, List<ModelSpec>, Scorer> scorerFactory) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the suite file (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); check the path.", e);
        }
        Path dir = file.toAbsolutePath().getParent();
        if (bytes.length > YamlDocument.MAX_CHARS) {
            throw new InputException(file + ": " + bytes.length / 1024 + " KiB, larger than any suite file (at most "
                    + YamlDocument.MAX_CHARS / 1024 / 1024 + " MiB); check that the path names the suite, not a data "
                    + "file or model.");
        }
        YamlNode root = YamlDocument.parse(Utf8Reader.decode(bytes, file.toString(), YamlDocument.MAX_LINE),
                file.toString());
        root.object(KEYS);

        long seed = root.get("seed").present() ? root.get("seed").longValue() : Defaults.SEED;
        int repeats = root.get("repeats").present() ? root.get("repeats").integer(1) : Defaults.REPEATS;
        String name = name(root.get("name"), file);
        DataSection.Data data = DataSection.parse(root.get("data"), dir);

        GenerationOverrides generation = SettingsSection.generation(root.get("generation"), seed);
        RunnerOverrides runner = SettingsSection.runner(root.get("runner"), dir);
        List<ModelSpec> models = ModelSection.parse(root.get("models"), dir, generation, runner, seed);

        List<Technique> techniques = TechniqueSection.parse(root.get("techniques"), data.fewShotPool(), seed);
        List<String> techniqueNames = techniques.stream().map(Technique::name).toList();
        YamlNode reference = root.get("reference_technique");
        String referenceTechnique = reference.present()
                ? PolicySection.known(reference, techniqueNames, "technique", "declared in techniques:")
                : techniqueNames.get(0);

        ScoringSection.Scoring scoring = ScoringSection.parse(root.get("scorers"), root.get("metrics"),
                spec -> scorerFactory.apply(spec, models));
        // A judge with a runner of its own is priced under its id (SCORER-judge), beside the suite's models.
        List<String> priced = new java.util.ArrayList<>(models.stream().map(ModelSpec::id).toList());
        scoring.scorers().stream().filter(dev.tunebench.scoring.JudgeScorer.class::isInstance)
                .map(j -> ((dev.tunebench.scoring.JudgeScorer) j).model().id())
                .filter(id -> !priced.contains(id)).forEach(priced::add);
        CostTable cost = PolicySection.cost(root.get("cost"), priced);
        SpendBudget budget = PolicySection.budget(root.get("budget"), models.stream().map(ModelSpec::id).toList(), cost);
        Optional<CheckpointPolicy> checkpoints = PolicySection.checkpoints(root.get("checkpoints"),
                data.validation().isPresent(), List.copyOf(scoring.metrics().keySet()), techniqueNames);

        return new Suite(name, file, sha256(bytes), data.eval(), data.fewShotPool(), data.validation(),
                models, techniques, referenceTechnique, generation.resolve(), runner.resolveType(), runner.resolveSettings(),
                scoring.specs(), scoring.scorers(), scoring.metrics(), cost, repeats, seed, checkpoints,
                raw(root.get("gates")), raw(root.get("perf")), budget, data.train());
    }

    /** The suite name becomes part of run folder names, so it is limited to file-name-safe characters. */
    private static String name(YamlNode node, Path file) {
        if (!node.present()) {
            String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            return stem.replaceAll("[^A-Za-z0-9._-]", "-");
        }
        String name = node.name();
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw node.error("'" + name + "' has characters that cannot be in a folder name; use letters, digits, . _ -.");
        }
        return name;
    }

    private static JsonNode raw(YamlNode node) {
        return node.present() ? node.json().deepCopy() : MissingNode.getInstance();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
