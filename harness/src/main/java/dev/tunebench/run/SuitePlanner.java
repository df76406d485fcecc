package dev.tunebench.run;

import dev.tunebench.data.DataSource;
import dev.tunebench.data.DatasetReader;
import dev.tunebench.data.Suggestions;
import dev.tunebench.results.Hashing;
import dev.tunebench.results.RunManifest;
import dev.tunebench.spi.InputException;
import dev.tunebench.stats.Bootstrap;
import dev.tunebench.suite.CheckpointPolicy;
import dev.tunebench.suite.CostTable;
import dev.tunebench.suite.ModelSpec;
import dev.tunebench.suite.Suite;
import dev.tunebench.suite.TrainerState;
import dev.tunebench.technique.Technique;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a validated suite and the command line's narrowing into a run plan and its manifest. */
public final class SuitePlanner {
    /** Files of a model folder whose hashes identify the model in the manifest. */
    private static final List<String> MODEL_FILES = List.of("model.onnx", "model.onnx.data", "tokenizer.json",
            "tokenizer_config.json", "config.json", "generation_config.json", "genai_config.json");

    private SuitePlanner() {
    }

    public static List<ModelSpec> selectedModels(Suite suite, RunOptions options) {
        List<String> known = suite.models().stream().map(ModelSpec::id).toList();
        for (String id : options.models()) {
            if (!known.contains(id)) {
                throw new InputException("--models: no model '" + id + "' in " + suite.file().getFileName() + "."
                        + Suggestions.didYouMean(id, known) + " Models: " + known + ".");
            }
        }
        return suite.models().stream().filter(m -> options.models().isEmpty() || options.models().contains(m.id())).toList();
    }

    public static List<Technique> selectedTechniques(Suite suite, RunOptions options) {
        List<String> known = suite.techniques().stream().map(Technique::name).toList();
        for (String name : options.techniques()) {
            if (!known.contains(name)) {
                throw new InputException("--techniques: no technique '" + name + "' in " + suite.file().getFileName() + "."
                        + Suggestions.didYouMean(name, known) + " Techniques: " + known + ".");
            }
        }
        return suite.techniques().stream().filter(t -> options.techniques().isEmpty() || options.techniques().contains(t.name())).toList();
    }

    /**
     * The plan of the run. Models a pairwise judge compares with run first, so their answers are there when the
     * other models' answers are judged; a sharded run cannot have such a judge (the two answers of a pair may
     * fall in different shards).
     */
    public static RunPlan plan(Suite suite, RunOptions options, Set<String> done) {
        Set<String> references = SampleScorer.referenceModels(suite.scorers());
        if (!references.isEmpty() && options.shard().count() > 1) {
            throw new InputException("--shard: a pairwise judge compares with model " + references + ", whose answers may"
                    + " fall in another shard; run this suite without --shard, or compare with against: expected.");
        }
        List<RunPlan.Model> models = selectedModels(suite, options).stream()
                .sorted(java.util.Comparator.comparing(m -> !references.contains(m.id())))
                .map(m -> new RunPlan.Model(m.id(), m.folder().orElse(null), m.runnerType(), m.runner(), m.generation()))
                .toList();
        List<RunPlan.Technique> techniques = selectedTechniques(suite, options).stream()
                .map(t -> new RunPlan.Technique(t.name(), t::apply))
                .toList();
        DataSource eval = suite.eval();
        return new RunPlan(models, techniques, () -> DatasetReader.open(eval),
                suite.validation().<java.util.function.Supplier<java.util.stream.Stream<dev.tunebench.data.Row>>>map(v -> () -> DatasetReader.open(v)).orElse(null),
                suite.scorers(), suite.metrics().get("accuracy"), suite.metrics().get("format_adherence"),
                suite.repeats(), options.limit(), options.shard(), done);
    }

    public static RunManifest manifest(Suite suite, RunOptions options, String tunebenchVersion, String commandLine, Instant start) {
        Path base = suite.file().toAbsolutePath().getParent();
        List<RunManifest.DataFile> data = new ArrayList<>();
        data.add(dataFile("eval", suite.eval(), base));
        suite.fewShotPool().ifPresent(d -> data.add(dataFile("few_shot_pool", d, base)));
        suite.validation().ifPresent(d -> data.add(dataFile("validation", d, base)));
        List<RunManifest.ModelEntry> models = selectedModels(suite, options).stream().map(m -> modelEntry(m, suite.cost(), base)).toList();
        CheckpointPolicy policy = suite.checkpoints().orElse(null);
        RunManifest.Checkpoints checkpoints = policy == null
                ? new RunManifest.Checkpoints("validation_loss", null, 1, 1)
                : new RunManifest.Checkpoints(
                        policy.criterion() instanceof CheckpointPolicy.Metric metric ? metric.metric() : "validation_loss",
                        policy.criterion() instanceof CheckpointPolicy.Metric metric ? metric.technique() : null,
                        policy.patience(), policy.keepLast());
        RunManifest.SuiteInfo info = new RunManifest.SuiteInfo(suite.name(), relative(suite.file()), suite.sha256(),
                suite.baseline().id(), suite.referenceTechnique(), suite.metrics(), suite.cost().currency(), checkpoints,
                scorerTypes(suite));
        var runner = suite.runner();
        RunManifest.Settings settings = new RunManifest.Settings(runner.batchSize(), runner.intraOpThreads(), runner.device(),
                options.limit(), options.shard().toString(), suite.repeats(), suite.seed(), suite.seed(), Bootstrap.DEFAULT_RESAMPLES,
                suite.perf().isMissingNode() ? null : suite.perf());
        return new RunManifest(RunManifest.SCHEMA_VERSION, tunebenchVersion, commandLine, start.toString(), null, false,
                List.of(), info, data, models, selectedTechniques(suite, options).stream().map(Technique::name).toList(),
                null, settings, RunManifest.Machine.current(), null);
    }

    private static Map<String, String> scorerTypes(Suite suite) {
        Map<String, String> types = new LinkedHashMap<>();
        suite.scorerSpecs().forEach(spec -> types.put(spec.name(), spec.type()));
        return types;
    }

    private static RunManifest.DataFile dataFile(String role, DataSource source, Path base) {
        return new RunManifest.DataFile(role, relativeTo(base, source.file()), Hashing.sha256(source.file()), DatasetReader.count(source));
    }

    private static RunManifest.ModelEntry modelEntry(ModelSpec m, CostTable cost, Path base) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : m.folder().isPresent() ? MODEL_FILES : List.<String>of()) {
            Path f = m.folder().get().resolve(name);
            if (Files.isRegularFile(f)) {
                files.put(name, Hashing.sha256(f));
            }
        }
        List<RunManifest.TrainPoint> history = m.folder().flatMap(TrainerState::read)
                .map(s -> s.history().stream().map(e -> new RunManifest.TrainPoint(e.epoch(), null, e.trainLoss(), e.validationLoss())).toList())
                .orElse(List.of());
        CostTable.Price price = cost.priceFor(m.id()).orElse(new CostTable.Price(0, 0));
        return new RunManifest.ModelEntry(m.id(), m.role().suiteName(), m.folder().map(f -> relativeTo(base, f)).orElse(null), m.epoch(), m.step(),
                history, files, price.promptPer1k(), price.completionPer1k());
    }

    private static String relative(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    private static String relativeTo(Path base, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }
}
