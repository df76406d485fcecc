package dev.tunebench.run;

import dev.tunebench.data.Row;
import dev.tunebench.results.Sample;
import dev.tunebench.results.SampleSink;
import dev.tunebench.results.WriteFailed;
import dev.tunebench.scoring.JudgeScorer;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RequestKey;
import dev.tunebench.spi.RequestsFailed;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.TeacherForcedScore;
import dev.tunebench.store.CacheKey;
import dev.tunebench.store.CompletionCache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs a plan: for each model, every technique × row × repeat in batches, each sample scored and
 * appended to samples.jsonl at once; then the model's validation loss. A model that fails is recorded
 * and the run goes on with the next one, so completed samples are never lost. A request the runner
 * gave up on, or a prompt it cannot run as meant, becomes an error sample and the cell goes on. A request
 * the completion cache already answered is scored from the stored completion, marked cached, and not sent.
 * Batches run on the model's workers ({@link BatchPipeline}); scoring, writing and the cache stay on the
 * run's thread, in the order one worker would give.
 */
public final class RunEngine {
    private final RunPlan plan;
    private final Function<String, RunnerFactory> factories;
    private final SampleSink sink;
    private final RunListener listener;
    private final SampleScorer scorer;
    private final CompletionCache cache;
    private final SpendMeter spend;
    private volatile boolean stopRequested;
    /** Why the budget stopped the current model (or, with {@link #runBudgetSpent}, the run), else null. */
    private String budgetStop;
    private boolean runBudgetSpent;

    public RunEngine(RunPlan plan, Function<String, RunnerFactory> factories, SampleSink sink, RunListener listener) {
        this(plan, factories, sink, listener, CompletionCache.NONE);
    }

    public RunEngine(RunPlan plan, Function<String, RunnerFactory> factories, SampleSink sink, RunListener listener,
                     CompletionCache cache) {
        this.cache = cache;
        this.plan = plan;
        this.factories = factories;
        this.sink = sink;
        this.listener = listener;
        this.scorer = new SampleScorer(plan.scorers(), plan.accuracyScorer(), plan.formatScorer(), plan.spend().prices(),
                plan.priorAnswers());
        this.spend = new SpendMeter(plan.spend(), plan.scorers());
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
            if (stopRequested || runBudgetSpent) {
                break;
            }
            budgetStop = null;
            listener.modelStarted(model.id());
            try {
                RunnerFactory factory = factories.apply(model.runnerType());
                int workers = Workers.resolve(model.runner(), factory, Workers.cores());
                try (Runner runner = factory.open(model.folder(), model.runner());
                     BatchPipeline pipeline = new BatchPipeline(workers, model.id(), () -> stopRequested)) {
                    listener.runnerOpened(model.id(), runner.info());
                    listener.workersChosen(model.id(), workers);
                    runner.reportWaitsTo(status -> listener.runnerWaiting(model.id(), status));
                    for (RunPlan.Technique technique : plan.techniques()) {
                        for (int repeat = 0; repeat < plan.repeats() && !stopRequested && budgetStop == null; repeat++) {
                            runCell(runner, pipeline, model, technique, repeat);
                        }
                    }
                    pipeline.finish();
                    if (budgetStop != null) {
                        problems.add(budgetStop);
                        listener.modelFailed(model.id(), budgetStop);
                    }
                    if (plan.validationRows() != null && !stopRequested && budgetStop == null
                            && !plan.validated().contains(model.id())) {
                        if (runner.teacherForcing()) {
                            RunOutcome.ValidationLoss loss = validationLoss(runner, pipeline, model);
                            losses.put(model.id(), loss);
                            listener.validationDone(model.id(), loss);
                        } else {
                            listener.validationUnavailable(model.id());
                        }
                    }
                    listener.runnerClosing(model.id(), runner.info());
                }
            } catch (WriteFailed e) {
                // The run folder, not the model: every next model would fail the same way.
                throw e;
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

    private void runCell(Runner runner, BatchPipeline pipeline, RunPlan.Model model, RunPlan.Technique technique,
                         int repeat) {
        GenerationSettings settings = model.generation().forRepeat(repeat);
        List<Row> batchRows = new ArrayList<>();
        List<Prompt> batchPrompts = new ArrayList<>();
        List<String> batchKeys = new ArrayList<>();
        String identity = cache == CompletionCache.NONE ? null : runner.cacheIdentity().orElse(null);
        int batchSize = Math.max(model.runner().batchSize(), runner.minBatchSize());
        try (Stream<Row> rows = limited(plan.evalRows().get())) {
            var it = rows.iterator();
            while (it.hasNext() && !stopRequested && budgetStop == null) {
                Row row = it.next();
                if (!plan.shard().owns(model.id(), technique.name(), row.index())
                        || plan.done().contains(Sample.key(model.id(), technique.name(), row.index(), repeat))) {
                    continue;
                }
                Prompt prompt = technique.apply().apply(row);
                Optional<String> unsupported = runner.unsupported(prompt, settings);
                if (unsupported.isPresent()) {
                    // Through the pipeline, so it lands in row order behind the batches before it.
                    Batch single = Batch.of(row, prompt, null);
                    pipeline.submit(() -> single.failedAll(Sample.UNSUPPORTED + unsupported.get()),
                            done -> write(model, technique, repeat, done));
                    continue;
                }
                String key = identity == null ? null : cacheKey(runner, identity, prompt, settings);
                Optional<Generation> stored = key == null ? Optional.empty() : cache.find(key);
                if (stored.isPresent()) {
                    Batch single = Batch.of(row, prompt, key);
                    pipeline.submit(() -> single.fromCache(stored.get()), done -> write(model, technique, repeat, done));
                    continue;
                }
                batchRows.add(row);
                batchPrompts.add(prompt);
                batchKeys.add(key);
                if (batchRows.size() == batchSize) {
                    withinBudget(runner, pipeline, model, technique, repeat, settings,
                            new Batch(batchRows, batchPrompts, batchKeys));
                    batchRows = new ArrayList<>();
                    batchPrompts = new ArrayList<>();
                    batchKeys = new ArrayList<>();
                }
            }
        }
        if (!batchRows.isEmpty() && !stopRequested && budgetStop == null) {
            withinBudget(runner, pipeline, model, technique, repeat, settings, new Batch(batchRows, batchPrompts, batchKeys));
        }
    }

    /**
     * Sends a batch as far as the budget allows: what fits at the worst case goes, and the rest is checked again
     * against what that actually cost. The first request that alone could cross a limit stops the model (or the
     * run). With a budget, batches in flight are written (and counted) first, so the meter sees every cost.
     */
    private void withinBudget(Runner runner, BatchPipeline pipeline, RunPlan.Model model, RunPlan.Technique technique,
                              int repeat, GenerationSettings settings, Batch batch) {
        if (!spend.active()) {
            submit(runner, pipeline, model, technique, repeat, settings, batch);
            return;
        }
        int from = 0;
        while (from < batch.size()) {
            pipeline.finish();
            List<Prompt> rest = batch.prompts().subList(from, batch.size());
            int admitted = spend.admit(model.id(), runner, rest, settings.maxNewTokens());
            if (admitted == 0) {
                Prompt next = batch.prompts().get(from);
                budgetStop = spend.reason(model.id(), runner, next, settings.maxNewTokens());
                runBudgetSpent = spend.runLimitReached(model.id(), runner, next, settings.maxNewTokens());
                return;
            }
            submit(runner, pipeline, model, technique, repeat, settings, batch.slice(from, from + admitted));
            from += admitted;
        }
    }

    /** The request's cache key, or null when the prompt does not render (generating it then reports why). */
    private static String cacheKey(Runner runner, String identity, Prompt prompt, GenerationSettings settings) {
        try {
            return CacheKey.of(identity, runner.render(prompt), prompt, settings);
        } catch (InputException | UnsupportedOperationException e) {
            return null;
        }
    }

    private void submit(Runner runner, BatchPipeline pipeline, RunPlan.Model model, RunPlan.Technique technique,
                        int repeat, GenerationSettings settings, Batch batch) {
        pipeline.submit(() -> generate(runner, settings, batch, model, technique, repeat),
                done -> write(model, technique, repeat, done));
    }

    /** On a worker: the batch's generations, or per row why there is none. Scores nothing, writes nothing. */
    private static Batch.Done generate(Runner runner, GenerationSettings settings, Batch batch, RunPlan.Model model,
                                       RunPlan.Technique technique, int repeat) {
        try {
            List<RequestKey> keys = batch.rows().stream()
                    .map(r -> new RequestKey(model.id(), technique.name(), r.rowId(), repeat)).toList();
            return batch.generated(runner.generate(keys, batch.prompts(), settings));
        } catch (InputException e) {
            // One bad prompt (e.g. too long for the model) must not sink its batch-mates: retry one by one.
            if (batch.size() == 1) {
                return batch.failedAll(e.getMessage());
            }
            List<Generation> generations = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (Batch single : batch.singles()) {
                Batch.Done one = generate(runner, settings, single, model, technique, repeat);
                generations.add(one.generations().get(0));
                errors.add(one.errors().get(0));
            }
            return new Batch.Done(batch, generations, errors);
        } catch (RequestsFailed e) {
            return new Batch.Done(batch, e.generations(), e.errors());
        }
    }

    /** On the run's thread, in submission order: the completed rows scored, the failed ones as error samples. */
    private void write(RunPlan.Model model, RunPlan.Technique technique, int repeat, Batch.Done done) {
        List<Row> rows = done.batch().rows();
        List<Prompt> prompts = done.batch().prompts();
        List<Row> okRows = new ArrayList<>();
        List<Prompt> okPrompts = new ArrayList<>();
        List<Generation> ok = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (done.generations().get(i) != null) {
                okRows.add(rows.get(i));
                okPrompts.add(prompts.get(i));
                ok.add(done.generations().get(i));
            }
        }
        if (!done.cached()) {
            for (int i = 0; i < rows.size(); i++) {
                String key = done.batch().keys().get(i);
                if (key != null && done.generations().get(i) != null) {
                    cache.put(key, model.id(), done.generations().get(i));
                }
            }
        }
        var scored = ok.isEmpty() ? java.util.Collections.<Sample>emptyIterator()
                : scorer.scoreAll(model.id(), technique.name(), repeat, okRows, okPrompts, ok).iterator();
        for (int i = 0; i < rows.size(); i++) {
            Sample sample = done.generations().get(i) != null ? scored.next()
                    : scorer.failed(model.id(), technique.name(), repeat, rows.get(i), prompts.get(i), done.errors().get(i));
            Sample written = done.cached() ? sample.asCached() : sample;
            sink.write(written);
            spend.add(written);
        }
        listener.samplesDone(rows.size());
    }

    /** Batches of validation rows on the workers; their sums are added in row order, as with one worker. */
    private RunOutcome.ValidationLoss validationLoss(Runner runner, BatchPipeline pipeline, RunPlan.Model model) {
        double[] nll = {0};
        long[] tokens = {0};
        int count = 0;
        int batchSize = model.runner().batchSize();
        List<List<Message>> batch = new ArrayList<>();
        try (Stream<Row> rows = plan.validationRows().get()) {
            var it = rows.iterator();
            while (it.hasNext()) {
                batch.add(it.next().conversation());
                count++;
                if (batch.size() == batchSize || !it.hasNext()) {
                    List<List<Message>> conversations = batch;
                    pipeline.submit(() -> runner.score(conversations), scores -> {
                        for (TeacherForcedScore s : scores) {
                            nll[0] += s.sumNll();
                            tokens[0] += s.tokenCount();
                        }
                    });
                    batch = new ArrayList<>();
                }
            }
        }
        pipeline.finish();
        return new RunOutcome.ValidationLoss(tokens[0] == 0 ? Double.NaN : nll[0] / tokens[0], tokens[0], count);
    }

    private void closeJudges() {
        for (Scorer s : plan.scorers()) {
            if (s instanceof JudgeScorer judge) {
                judge.close();
            }
        }
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
