package dev.tunebench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.data.DataSource;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.scoring.ScorerSpec;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.technique.Technique;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed and validated suite file (see docs/suite-format.md); made only by {@link SuiteLoader}. Paths are
 * resolved against the suite file's folder. {@code generation}/{@code runner} are the suite-level settings;
 * each {@link ModelSpec} carries its effective ones. {@code metrics} maps a metric name
 * ({@code accuracy}, {@code format_adherence}) to the name of the scorer that feeds it. {@code gates} and
 * {@code perf} are kept raw (a missing node when absent) for the features that read them; {@code budget} limits
 * the run's spend. {@code train} is {@code data.train}, the fine-tuning set, read only for the overlap check.
 */
public record Suite(String name, Path file, String sha256,
                    DataSource eval, Optional<DataSource> fewShotPool, Optional<DataSource> validation,
                    List<ModelSpec> models, List<Technique> techniques, String referenceTechnique,
                    GenerationSettings generation, String runnerType, RunnerSettings runner,
                    List<ScorerSpec> scorerSpecs, List<Scorer> scorers, Map<String, String> metrics,
                    CostTable cost, int repeats, long seed, Optional<CheckpointPolicy> checkpoints,
                    JsonNode gates, JsonNode perf, SpendBudget budget, Optional<DataSource> train) {

    public Suite(String name, Path file, String sha256,
                 DataSource eval, Optional<DataSource> fewShotPool, Optional<DataSource> validation,
                 List<ModelSpec> models, List<Technique> techniques, String referenceTechnique,
                 GenerationSettings generation, String runnerType, RunnerSettings runner,
                 List<ScorerSpec> scorerSpecs, List<Scorer> scorers, Map<String, String> metrics,
                 CostTable cost, int repeats, long seed, Optional<CheckpointPolicy> checkpoints,
                 JsonNode gates, JsonNode perf, SpendBudget budget) {
        this(name, file, sha256, eval, fewShotPool, validation, models, techniques, referenceTechnique, generation,
                runnerType, runner, scorerSpecs, scorers, metrics, cost, repeats, seed, checkpoints, gates, perf, budget,
                Optional.empty());
    }

    public Suite {
        models = List.copyOf(models);
        techniques = List.copyOf(techniques);
        scorerSpecs = List.copyOf(scorerSpecs);
        scorers = List.copyOf(scorers);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The one model with role {@link ModelRole#BASELINE} (the loader guarantees there is exactly one). */
    public ModelSpec baseline() {
        return models.stream().filter(m -> m.role() == ModelRole.BASELINE).findFirst().orElseThrow();
    }

    public List<ModelSpec> candidates() {
        return models.stream().filter(m -> m.role() == ModelRole.CANDIDATE).toList();
    }

    public Optional<ModelSpec> model(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public Optional<Technique> technique(String name) {
        return techniques.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<Scorer> scorer(String name) {
        return scorers.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The scorer feeding {@code metric} (e.g. {@code accuracy}), if the suite declared one. */
    public Optional<Scorer> scorerFor(String metric) {
        return Optional.ofNullable(metrics.get(metric)).flatMap(this::scorer);
    }

    /** This suite with a higher-precedence layer (the command line) applied to every model's settings. */
    public Suite withOverrides(RunnerOverrides runnerLayer, GenerationOverrides generationLayer) {
        List<ModelSpec> updated = models.stream().map(m -> m.withRunner(runnerLayer).withGeneration(generationLayer)).toList();
        RunnerOverrides suiteRunner = runnerLayer.over(RunnerOverrides.of(runnerType, runner));
        return new Suite(name, file, sha256, eval, fewShotPool, validation, updated, techniques, referenceTechnique,
                generationLayer.applyTo(generation), suiteRunner.resolveType(), suiteRunner.resolveSettings(),
                scorerSpecs, scorers, metrics, cost, repeats, seed, checkpoints, gates, perf, budget, train);
    }

    /** This suite with another spend budget ({@code run --budget}). */
    public Suite withBudget(SpendBudget budget) {
        return new Suite(name, file, sha256, eval, fewShotPool, validation, models, techniques, referenceTechnique,
                generation, runnerType, runner, scorerSpecs, scorers, metrics, cost, repeats, seed, checkpoints, gates, perf,
                budget, train);
    }
}
