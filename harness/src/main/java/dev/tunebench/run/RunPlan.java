package dev.tunebench.run;

import dev.tunebench.data.Row;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RunnerSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Everything the engine needs, with every setting already resolved (CLI over model over suite over
 * defaults): which models, techniques, rows and scorers, and which part of the work is still to do.
 *
 * @param evalRows       opens a fresh stream of evaluation rows (closed by the engine)
 * @param validationRows opens validation rows for validation loss, or null when the suite has none
 * @param limit          only the first {@code limit} rows (0 = all)
 * @param done           keys ({@link dev.tunebench.results.Sample#key()}) already in samples.jsonl: skipped on resume
 * @param validated      models whose validation loss the run folder already holds: not computed again on resume
 * @param spend          the suite's budget, its prices and what the run folder already spent
 * @param priorAnswers   on resume, the answers already in samples.jsonl of the models a pairwise judge compares
 *                       with, by sample key (see {@link SampleScorer#referenceModels})
 */
public record RunPlan(
        List<Model> models,
        List<Technique> techniques,
        Supplier<Stream<Row>> evalRows,
        Supplier<Stream<Row>> validationRows,
        List<Scorer> scorers,
        String accuracyScorer,
        String formatScorer,
        int repeats,
        int limit,
        Shard shard,
        Set<String> done,
        Set<String> validated,
        SpendPlan spend,
        Map<String, String> priorAnswers) {

    public RunPlan {
        models = List.copyOf(models);
        techniques = List.copyOf(techniques);
        scorers = List.copyOf(scorers);
        done = Set.copyOf(done);
        validated = Set.copyOf(validated);
        priorAnswers = Map.copyOf(priorAnswers);
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1");
        }
    }

    public RunPlan(List<Model> models, List<Technique> techniques, Supplier<Stream<Row>> evalRows,
                   Supplier<Stream<Row>> validationRows, List<Scorer> scorers, String accuracyScorer,
                   String formatScorer, int repeats, int limit, Shard shard, Set<String> done, Set<String> validated) {
        this(models, techniques, evalRows, validationRows, scorers, accuracyScorer, formatScorer, repeats, limit,
                shard, done, validated, SpendPlan.NONE, Map.of());
    }

    /** A plan with nothing done yet. */
    public RunPlan(List<Model> models, List<Technique> techniques, Supplier<Stream<Row>> evalRows,
                   Supplier<Stream<Row>> validationRows, List<Scorer> scorers, String accuracyScorer,
                   String formatScorer, int repeats, int limit, Shard shard, Set<String> done) {
        this(models, techniques, evalRows, validationRows, scorers, accuracyScorer, formatScorer, repeats, limit,
                shard, done, Set.of());
    }

    /** This plan, skipping the validation loss of these models. */
    public RunPlan withValidated(Set<String> models) {
        return new RunPlan(this.models, techniques, evalRows, validationRows, scorers, accuracyScorer, formatScorer,
                repeats, limit, shard, done, models, spend, priorAnswers);
    }

    /** This plan with a spend budget. */
    public RunPlan withSpend(SpendPlan spend) {
        return new RunPlan(this.models, techniques, evalRows, validationRows, scorers, accuracyScorer, formatScorer,
                repeats, limit, shard, done, validated, spend, priorAnswers);
    }

    /** This plan with the answers of pairwise judges' reference models that the run folder already holds. */
    public RunPlan withPriorAnswers(Map<String, String> answers) {
        return new RunPlan(this.models, techniques, evalRows, validationRows, scorers, accuracyScorer, formatScorer,
                repeats, limit, shard, done, validated, spend, answers);
    }

    /** The models some pairwise judge of this plan compares answers with. */
    public Set<String> referenceModels() {
        return SampleScorer.referenceModels(scorers);
    }

    /** A model with its runner type and its effective settings. */
    /** {@code folder} is null for a served model, which has none. */
    public record Model(String id, Path folder, String runnerType, RunnerSettings runner, GenerationSettings generation) {
    }

    /** A named prompt technique: turns a row into a prompt, never calling a model. */
    public record Technique(String name, Function<Row, Prompt> apply) {
    }
}
