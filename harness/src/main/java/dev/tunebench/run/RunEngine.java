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
import dev.tunebench.spi.RequestsFailed;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.TeacherForcedScore;

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
 * gave up on, or a prompt it cannot run as meant, becomes an error sample and the cell goes on.
 */
public final class RunEngine {
    private final RunPlan plan;
    private final Function<String, RunnerFactory> factories;
    private final SampleSink sink;
    private final RunListener listener;
    private final SampleScorer scorer;
    private final SpendMeter spend;
    private volatile boolean stopRequested;
    /** Why the budget stopped the current model (or, with {@link #runBudgetSpent}, the run), else null. */
    private String budgetStop;
    private boolean runBudgetSpent;

    public RunEngine(RunPlan plan, Function<String, RunnerFactory> factories, SampleSink sink, RunListener listener) {
        this.plan = plan;
        this.factories = factories;
        this.sink = sink;
        this.listener = listener;
        this.scorer = new SampleScorer(plan.scorers(), plan.accuracyScorer(), plan.formatScorer());
        this.spend = new SpendMeter(plan.spend());
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
            try (Runner runner = factories.apply(model.runnerType()).open(model.folder(), model.runner())) {
                listener.runnerOpened(model.id(), runner.info());
                runner.reportWaitsTo(status -> listener.runnerWaiting(model.id(), status));
                for (RunPlan.Technique technique : plan.techniques()) {
                    for (int repeat = 0; repeat < plan.repeats() && !stopRequested && budgetStop == null; repeat++) {
                        runCell(runner, model, technique, repeat);
                    }
                }
                if (budgetStop != null) {
                    problems.add(budgetStop);
                    listener.modelFailed(model.id(), budgetStop);
                }
                if (plan.validationRows() != null && !stopRequested && budgetStop == null && !plan.validated().contains(model.id())) {
                    if (runner.teacherForcing()) {
                        RunOutcome.ValidationLoss loss = validationLoss(runner, model);
                        losses.put(model.id(), loss);
                        listener.validationDone(model.id(), loss);
                    } else {
                        listener.validationUnavailable(model.id());
                    }
                }
                listener.runnerClosing(model.id(), runner.info());
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
                    write(scorer.failed(model.id(), technique.name(), repeat, row, prompt,
                            Sample.UNSUPPORTED + unsupported.get()));
                    listener.samplesDone(1);
                    continue;
                }
                batchRows.add(row);
                batchPrompts.add(prompt);
                if (batchRows.size() == batchSize) {
                    withinBudget(runner, model, technique, repeat, settings, batchRows, batchPrompts);
                    batchRows.clear();
                    batchPrompts.clear();
                }
            }
        }
        if (!batchRows.isEmpty() && !stopRequested && budgetStop == null) {
            withinBudget(runner, model, technique, repeat, settings, batchRows, batchPrompts);
        }
    }

    /**
     * Sends a batch as far as the budget allows: what fits at the worst case goes, and the rest is checked again
     * against what that actually cost. The first request that alone could cross a limit stops the model (or the run).
     */
    private void withinBudget(Runner runner, RunPlan.Model model, RunPlan.Technique technique, int repeat,
                              GenerationSettings settings, List<Row> rows, List<Prompt> prompts) {
        int from = 0;
        while (from < rows.size()) {
            int admitted = spend.admit(model.id(), runner, prompts.subList(from, prompts.size()), settings.maxNewTokens());
            if (admitted == 0) {
                Prompt next = prompts.get(from);
                budgetStop = spend.reason(model.id(), runner, next, settings.maxNewTokens());
                runBudgetSpent = spend.runLimitReached(model.id(), runner, next, settings.maxNewTokens());
                return;
            }
            generateAndScore(runner, model, technique, repeat, settings, rows.subList(from, from + admitted),
                    prompts.subList(from, from + admitted));
            from += admitted;
        }
    }

    /** Appends a sample and counts what it cost against the budget. */
    private void write(Sample s) {
        sink.write(s);
        spend.add(s);
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
            write(scorer.failed(model.id(), technique.name(), repeat, rows.get(0), prompts.get(0), e.getMessage()));
            listener.samplesDone(1);
            return;
        } catch (RequestsFailed e) {
            writeInOrder(model, technique, repeat, rows, prompts, e);
            return;
        }
        for (Sample s : scorer.scoreAll(model.id(), technique.name(), repeat, rows, prompts, generations)) {
            write(s);
        }
        listener.samplesDone(rows.size());
    }

    /** The completed requests scored, the failed ones as error samples, all in row order. */
    private void writeInOrder(RunPlan.Model model, RunPlan.Technique technique, int repeat, List<Row> rows,
                              List<Prompt> prompts, RequestsFailed e) {
        List<Row> okRows = new ArrayList<>();
        List<Prompt> okPrompts = new ArrayList<>();
        List<Generation> ok = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (e.generations().get(i) != null) {
                okRows.add(rows.get(i));
                okPrompts.add(prompts.get(i));
                ok.add(e.generations().get(i));
            }
        }
        var scored = scorer.scoreAll(model.id(), technique.name(), repeat, okRows, okPrompts, ok).iterator();
        for (int i = 0; i < rows.size(); i++) {
            write(e.generations().get(i) != null ? scored.next()
                    : scorer.failed(model.id(), technique.name(), repeat, rows.get(i), prompts.get(i), e.errors().get(i)));
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
