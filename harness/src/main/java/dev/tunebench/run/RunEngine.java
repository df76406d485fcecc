package dev.tunebench.run;

import dev.tunebench.data.Row;
import dev.tunebench.results.Sample;
import dev.tunebench.results.SampleSink;
import dev.tunebench.scoring.JudgeScorer;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.TeacherForcedScore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs a plan: for each model, every technique × row × repeat in batches, each sample scored and
 * appended to samples.jsonl at once; then the model's validation loss. A model that fails is recorded
 * and the run goes on with the next one, so completed samples are never lost.
 */
public final class RunEngine {
    private final RunPlan plan;
    private final Function<String, RunnerFactory> factories;
    private final SampleSink sink;
    private final RunListener listener;
    private final SampleScorer scorer;
    private volatile boolean stopRequested;

    public RunEngine(RunPlan plan, Function<String, RunnerFactory> factories, SampleSink sink, RunListener listener) {
        this.plan = plan;
        this.factories = factories;
        this.sink = sink;
        this.listener = listener;
        this.scorer = new SampleScorer(plan.scorers(), plan.accuracyScorer(), plan.formatScorer());
    }

    /** Asks the engine to stop after the current batch (Ctrl-C). */
    public void requestStop() {
        stopRequested = true;
    }

    public RunOutcome run() {
        listener.runStarted(countWork());
        List<String> problems = new ArrayList<>();
        Map<String, RunOutcome.ValidationLoss> losses = new LinkedHashMap<>();
        for (RunPlan.Model model : plan.models()) {
            if (stopRequested) {
                break;
            }
            listener.modelStarted(model.id());
            try (Runner runner = factories.apply(model.runnerType()).open(model.folder(), model.runner())) {
                listener.runnerOpened(model.id(), runner.info());
                for (RunPlan.Technique technique : plan.techniques()) {
                    for (int repeat = 0; repeat < plan.repeats() && !stopRequested; repeat++) {
                        runCell(runner, model, technique, repeat);
                    }
                }
                if (plan.validationRows() != null && !stopRequested && !plan.validated().contains(model.id())) {
                    RunOutcome.ValidationLoss loss = validationLoss(runner, model);
                    losses.put(model.id(), loss);
                    listener.validationDone(model.id(), loss);
                }
            } catch (InputException | IllegalStateException | UnsupportedOperationException | java.io.UncheckedIOException e) {
                String reason = "model '" + model.id() + "' failed: " + e.getMessage();
                problems.add(reason);
                listener.modelFailed(model.id(), reason);
            }
        }
        if (stopRequested) {
            problems.add("interrupted before all samples were done");
        }
        closeJudges();
        boolean complete = problems.isEmpty();
        listener.runFinished(complete);
        return new RunOutcome(complete, problems, losses);
    }

    private void runCell(Runner runner, RunPlan.Model model, RunPlan.Technique technique, int repeat) {
        GenerationSettings settings = forRepeat(model.generation(), repeat);
        List<Row> batchRows = new ArrayList<>();
        List<Prompt> batchPrompts = new ArrayList<>();
        int batchSize = model.runner().batchSize();
        try (Stream<Row> rows = limited(plan.evalRows().get())) {
            var it = rows.iterator();
            while (it.hasNext() && !stopRequested) {
                Row row = it.next();
                if (!plan.shard().owns(model.id(), technique.name(), row.index())
                        || plan.done().contains(Sample.key(model.id(), technique.name(), row.index(), repeat))) {
                    continue;
                }
                batchRows.add(row);
                batchPrompts.add(technique.apply().apply(row));
                if (batchRows.size() == batchSize) {
                    generateAndScore(runner, model, technique, repeat, settings, batchRows, batchPrompts);
                    batchRows.clear();
                    batchPrompts.clear();
                }
            }
        }
        if (!batchRows.isEmpty() && !stopRequested) {
            generateAndScore(runner, model, technique, repeat, settings, batchRows, batchPrompts);
        }
    }

    private void generateAndScore(Runner runner, RunPlan.Model model, RunPlan.Technique technique, int repeat,
                                  GenerationSettings settings, List<Row> rows, List<Prompt> prompts) {
        List<Generation> generations;
        try {
            generations = runner.generate(prompts, settings);
        } catch (InputException e) {
            // One bad prompt (e.g. too long for the model) must not sink its batch-mates: retry one by one.
            if (rows.size() > 1) {
                for (int i = 0; i < rows.size(); i++) {
                    generateAndScore(runner, model, technique, repeat, settings, List.of(rows.get(i)), List.of(prompts.get(i)));
                }
                return;
            }
            sink.write(scorer.failed(model.id(), technique.name(), repeat, rows.get(0), prompts.get(0), e.getMessage()));
            listener.samplesDone(1);
            return;
        }
        for (Sample s : scorer.scoreAll(model.id(), technique.name(), repeat, rows, prompts, generations)) {
            sink.write(s);
        }
        listener.samplesDone(rows.size());
    }

    private RunOutcome.ValidationLoss validationLoss(Runner runner, RunPlan.Model model) {
        double nll = 0;
        long tokens = 0;
        int count = 0;
        int batchSize = model.runner().batchSize();
        List<List<Message>> batch = new ArrayList<>();
        try (Stream<Row> rows = plan.validationRows().get()) {
            var it = rows.iterator();
            while (it.hasNext()) {
                batch.add(it.next().conversation());
                count++;
                if (batch.size() == batchSize || !it.hasNext()) {
                    for (TeacherForcedScore s : runner.score(batch)) {
                        nll += s.sumNll();
                        tokens += s.tokenCount();
                    }
                    batch.clear();
                }
            }
        }
        return new RunOutcome.ValidationLoss(tokens == 0 ? Double.NaN : nll / tokens, tokens, count);
    }

    private void closeJudges() {
        for (Scorer s : plan.scorers()) {
            if (s instanceof JudgeScorer judge) {
                judge.close();
            }
        }
    }

    /** Repeat r of a sampled cell uses seed + r, so repeats differ and each is reproducible. */
    private static GenerationSettings forRepeat(GenerationSettings settings, int repeat) {
        if (repeat == 0 || !(settings.decoding() instanceof Decoding.Sampling s)) {
            return settings;
        }
        return settings.withDecoding(new Decoding.Sampling(s.temperature(), s.topP(), s.topK(), s.seed() + repeat));
    }

    private Stream<Row> limited(Stream<Row> rows) {
        return plan.limit() > 0 ? rows.limit(plan.limit()) : rows;
    }

    private long countWork() {
        long rows;
        try (Stream<Row> s = limited(plan.evalRows().get())) {
            rows = s.count();
        }
        long total = rows * plan.models().size() * plan.techniques().size() * plan.repeats();
        return plan.shard().count() == 1 ? total - plan.done().size() : total / plan.shard().count();
    }
}
