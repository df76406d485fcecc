package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.perf.PerfPlan;
import dev.tunebench.perf.PerfSection;
import dev.tunebench.perf.PerfTable;
import dev.tunebench.results.RunManifest;
import dev.tunebench.results.Sample;
import dev.tunebench.results.SampleReader;
import dev.tunebench.results.SampleSink;
import dev.tunebench.run.RunEngine;
import dev.tunebench.run.RunListener;
import dev.tunebench.run.RunOptions;
import dev.tunebench.run.RunOutcome;
import dev.tunebench.run.RunPlan;
import dev.tunebench.run.Shard;
import dev.tunebench.run.RunnerChecks;
import dev.tunebench.finetune.FineTuneFile;
import dev.tunebench.run.SpendPlan;
import dev.tunebench.scoring.JudgeScorer;
import dev.tunebench.run.SuitePlanner;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerInfo;
import dev.tunebench.spi.RunnerOptions;
import dev.tunebench.store.CompletionCache;
import dev.tunebench.store.SqliteStore;
import dev.tunebench.suite.GenerationOverrides;
import dev.tunebench.suite.RunnerOverrides;
import dev.tunebench.suite.Suite;
import dev.tunebench.suite.SuiteLoader;
import dev.tunebench.summary.ValidationLosses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs a suite: every model × technique × row, streamed to a run folder, then summary and report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Run a suite: every model x technique on the evaluation set; write samples, summary and report.")
final class RunCommand implements Callable<Integer> {
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "SUITE", description = "Suite file (YAML).")
    Path suiteFile;
    @Option(names = "--out", paramLabel = "DIR", description = "Run folder. Default: runs/<suite>-<UTC timestamp>/.")
    Path out;
    @Option(names = "--models", split = ",", paramLabel = "ID", description = "Only these model ids.")
    List<String> models = new ArrayList<>();
    @Option(names = "--techniques", split = ",", paramLabel = "NAME", description = "Only these techniques.")
    List<String> techniques = new ArrayList<>();
    @Option(names = "--limit", defaultValue = "0", description = "Only the first N rows (0 = all).")
    int limit;
    @Option(names = "--threads", description = "Intra-op threads per model (0 = runtime default).")
    Integer threads;
    @Option(names = "--batch-size", description = "Rows per generate call.")
    Integer batchSize;
    @Option(names = "--device", description = "cpu or cuda[:N].")
    String device;
    @Option(names = "--workers", description = "Workers sharing each local model (default: cores / threads; served models: 1).")
    Integer workers;
    @Option(names = "--request-timeout", paramLabel = "SECONDS",
            description = "Stop a batch of requests that takes longer (the runner key timeout_s); its rows become error samples.")
    Integer requestTimeout;
    @Option(names = "--max-new-tokens", description = "Override the suite's max_new_tokens.")
    Integer maxNewTokens;
    @Option(names = "--shard", paramLabel = "i/n", description = "Run only shard i of n (deterministic split; join with `tunebench merge`).")
    String shard;
    @Option(names = "--resume", description = "Continue the run in --out: samples already there are kept and skipped.")
    boolean resume;
    @Option(names = "--no-report", description = "Do not write report.html, summary.md and junit.xml.")
    boolean noReport;
    @Option(names = "--no-cache", description = "Send every request; neither read nor fill the completion cache.")
    boolean noCache;
    @Option(names = "--refresh-cache", description = "Send every request and store the new completions in the cache.")
    boolean refreshCache;
    @Option(names = "--no-perf", description = "Skip the suite's perf section (quality only).")
    boolean noPerf;
    @Option(names = "--dry-run", description = "Print requests, tokens and cost per model at the suite's prices; send nothing.")
    boolean dryRun;
    @Option(names = "--budget", paramLabel = "AMOUNT", description = "Spend limit of the run in the suite's currency (over the"
            + " suite's budget.run); with --resume, what the whole run may spend, including what it already did.")
    Double budget;
    @Option(names = "--from", paramLabel = "RUN_DIR", description = "With --dry-run: take each model's mean completion length"
            + " from this earlier run folder (default: the latest run of this suite in the store, else max_new_tokens).")
    Path from;

    Clock clock = Clock.systemUTC();
    /** The suite's judge scorers, whose settings and fingerprints go in the manifest. */
    private List<JudgeScorer> judges = List.of();

    @Override
    public Integer call() throws Exception {
        Flags.atLeast("--limit", limit, 0);
        Flags.atLeast("--threads", threads, 0);
        Flags.atLeast("--batch-size", batchSize, 1);
        Flags.atLeast("--workers", workers, 1);
        Flags.atLeast("--max-new-tokens", maxNewTokens, 1);
        Flags.atLeast("--request-timeout", requestTimeout, 1);
        if (noCache && refreshCache) {
            throw new InputException("--no-cache and --refresh-cache contradict each other; give one.");
        }
        if (from != null && !dryRun) {
            throw new InputException("--from goes with --dry-run (it sets the estimate's completion lengths); drop it or add --dry-run.");
        }
        if (budget != null && !(budget >= 0)) {
            throw new InputException("--budget: expected an amount >= 0 in the suite's currency, got " + budget + ".");
        }
        RunnerOptions timeout = requestTimeout == null ? RunnerOptions.NONE
                : RunnerOptions.of(Map.of("timeout_s", requestTimeout), "--request-timeout");
        Suite loaded = SuiteLoader.load(suiteFile);
        Suite suite = (budget == null ? loaded : loaded.withBudget(loaded.budget().withRun(budget)))
                .withOverrides(new RunnerOverrides(null, device, threads, batchSize, timeout, workers),
                        new GenerationOverrides(maxNewTokens, null, null));
        RunOptions options = new RunOptions(models, techniques, limit, shard == null ? Shard.ALL : Shard.parse(shard), resume);
        if (budget != null) {
            for (var m : SuitePlanner.selectedModels(suite, options)) {
                if (suite.cost().priceFor(m.id()).isEmpty()) {
                    throw new InputException("--budget: model '" + m.id() + "' has no price in " + suite.file() + ", so its spend"
                            + " cannot be counted. Add cost: {default: {prompt_per_1k: ..., completion_per_1k: ...}} (or cost.models."
                            + m.id() + ").");
                }
            }
        }
        RunnerChecks.check(SuitePlanner.selectedModels(suite, options), suite.scorers());
        RunnerChecks.checkPrompts(SuitePlanner.selectedModels(suite, options), SuitePlanner.selectedTechniques(suite, options),
                suite.eval());
        if (dryRun) {
            // Completion lengths: --from's run, else what the store remembers of this suite's latest run, else the most.
            CostEstimate.Measured measured = CostEstimate.Measured.NONE;
            if (from != null) {
                measured = CostEstimate.Measured.fromRun(from);
            } else {
                try (SqliteStore store = storeOptions.openForRun(spec.commandLine().getErr())) {
                    measured = CostEstimate.Measured.fromStore(store, suite.name());
                }
            }
            CostEstimate.print(suite, options, measured, spec.commandLine().getOut());
            return ExitCodes.OK;
        }
        judges = suite.scorers().stream().filter(JudgeScorer.class::isInstance).map(JudgeScorer.class::cast).toList();
        judges.forEach(j -> j.referenceWarning().ifPresent(w -> spec.commandLine().getErr().println("tunebench: WARNING: " + w)));
        PerfPlan perf = noPerf ? null : PerfSection.forRun(suite, options);
        Instant start = clock.instant();
        Path runDir = runFolder(suite, start);
        try (RunLock lock = RunLock.acquire(runDir)) {
            return run(suite, options, perf, start, runDir);
        }
    }

    private int run(Suite suite, RunOptions options, PerfPlan perf, Instant start, Path runDir) throws IOException {
        if (resume) {
            SampleSink.dropTornTail(runDir);
        }
        Set<String> done = resume ? doneKeys(runDir) : Set.of();
        RunManifest manifest = resume && Files.exists(runDir.resolve(RunManifest.FILE_NAME))
                ? RunFolder.readManifest(runDir)
                : SuitePlanner.manifest(suite, options, VersionProvider.tunebenchVersion(), commandLine(), start);
        RunFolder.writeManifest(runDir, manifest);
        FineTuneFile.write(runDir, suite, SuitePlanner.selectedModels(suite, options));

        PrintWriter err = spec.commandLine().getErr();
        err.println("tunebench: run folder " + runDir);
        Map<String, RunnerInfo> runnerInfos = new LinkedHashMap<>();
        Map<String, Integer> workerCounts = new LinkedHashMap<>();
        RunOutcome outcome;
        try (SqliteStore store = storeOptions.openForRun(err); SampleSink sink = new SampleSink(runDir)) {
            CompletionCache completions = store == null || noCache ? CompletionCache.NONE
                    : refreshCache ? store.completions().refreshing() : store.completions();
            CountingCache cache = new CountingCache(completions);
            // Judges share the store's completions, uncounted: summary.json counts their cached replies apart.
            judges.forEach(j -> j.cacheIn(completions));
            RunListener listener = new Listeners(new ProgressListener(err, System.console() != null), runDir, runnerInfos,
                    workerCounts);
            RunPlan plan = SuitePlanner.plan(suite, options, done)
                    .withValidated(resume ? ValidationLosses.read(runDir).keySet() : Set.of())
                    .withSpend(SpendPlan.resumed(suite.budget(), suite.cost(), runDir));
            plan = plan.withPriorAnswers(resume ? referenceAnswers(runDir, plan.referenceModels()) : Map.of());
            requireReferences(plan);
            RunEngine engine = new RunEngine(plan, RunnerFactories::find, sink, listener, cache);
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                // Ctrl-C: stop after the current batch and let the main thread write summary and manifest.
                engine.requestStop();
                try {
                    finished.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tunebench-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                outcome = engine.run();
                if (outcome.complete()) {
                    calibrateJudges(err);
                }
                if (perf != null && outcome.complete()) {
                    PerfTable.print(perf.run(runDir, err), spec.commandLine().getOut());
                }
                manifest = finish(runDir, manifest, outcome.complete(), outcome.problems(), runnerInfos, workerCounts);
                JsonNode summary = RunFolder.summarize(runDir, manifest);
                if (cache.hits() > 0) {
                    err.println("tunebench: " + cache.hits() + " samples from the completion cache (" + store.file()
                            + "); their latency is left out of the figures");
                }
                // A shard holds part of the rows; its merge is indexed when `gate` decides on it.
                if (store != null && outcome.complete() && options.shard().count() == 1) {
                    RunHistory.index(store, runDir, manifest, summary, err);
                }
                if (!noReport) {
                    ReportCommand.writeAll(runDir);
                }
                PrintWriter stdout = spec.commandLine().getOut();
                TerminalSummary.print(summary, stdout);
                stdout.println();
                stdout.println("results: " + runDir.resolve("summary.json"));
                if (!noReport) {
                    stdout.println("report:  " + runDir.resolve("report.html"));
                }
            } catch (RuntimeException e) {
                // Whatever broke, the samples written so far stay and the folder says the run is incomplete
                // (when it can: on a full disk these writes fail too, and the first error is the one to report).
                try {
                    manifest = finish(runDir, manifest, false, List.of(String.valueOf(e.getMessage())), runnerInfos,
                            workerCounts);
                    RunFolder.summarize(runDir, manifest);
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
                throw e;
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting (Ctrl-C); the hook is waiting for us
                }
            }
        }
        return outcome.complete() ? ExitCodes.OK : ExitCodes.USAGE;
    }

    /**
     * Judges with labelled answers grade them once the run is complete (its requests are not part of the
     * budget); the result is printed and goes into the manifest with the judge's settings.
     */
    private void calibrateJudges(PrintWriter err) {
        for (JudgeScorer judge : judges) {
            try (judge) {
                judge.calibrate().ifPresent(c -> err.println(String.format(java.util.Locale.ROOT,
                        "tunebench: judge %s agrees with %d of %d labelled answers it graded (%.0f%%, Cohen's kappa %.2f)%s",
                        judge.name(), c.agreed(), c.graded(), 100 * c.agreement(), c.kappa(),
                        c.graded() < c.labelled() ? "; " + (c.labelled() - c.graded()) + " unscored" : "")));
            } catch (InputException | IllegalStateException e) {
                err.println("tunebench: WARNING: judge " + judge.name() + " could not grade its labelled answers: "
                        + e.getMessage());
            }
        }
    }

    private RunManifest finish(Path runDir, RunManifest manifest, boolean complete, List<String> problems,
                               Map<String, RunnerInfo> infos, Map<String, Integer> workerCounts) {
        RunnerInfo first = infos.values().stream().findFirst().orElse(null);
        RunManifest.RunnerEntry runner = first == null ? manifest.runner()
                : new RunManifest.RunnerEntry(first.runnerId(), first.versions(), first.device(), first.intraOpThreads());
        List<RunManifest.ModelEntry> models = manifest.models().stream()
                .map(m -> infos.containsKey(m.id()) && !infos.get(m.id()).fileSha256().isEmpty()
                        ? m.withFiles(mergeFiles(m.files(), infos.get(m.id()).fileSha256())) : m)
                .map(m -> infos.containsKey(m.id()) && (infos.get(m.id()).details().containsKey("endpoint_host")
                        || infos.get(m.id()).details().containsKey("replay_file"))
                        ? m.withServed(served(infos.get(m.id()))) : m)
                .map(m -> workerCounts.containsKey(m.id()) ? m.withWorkers(workerCounts.get(m.id())) : m)
                .toList();
        RunManifest done = manifest.finished(clock.instant().toString(), complete, problems, runner, models)
                .withJudges(judges.stream().map(JudgeScorer::provenance).toList());
        RunFolder.writeManifest(runDir, done);
        return done;
    }

    /** A served model's provenance: the runner's details as text (never the key: runners do not hold it there). */
    private static Map<String, String> served(RunnerInfo info) {
        Map<String, String> out = new LinkedHashMap<>();
        info.details().forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static Map<String, String> mergeFiles(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }

    private Path runFolder(Suite suite, Instant start) throws IOException {
        Path dir = out != null ? out : Path.of("runs", suite.name() + "-" + FOLDER_TIME.format(start));
        if (Files.exists(dir.resolve(SampleSink.FILE_NAME)) && !resume) {
            throw new InputException(dir + " already holds a run (samples.jsonl). Use --resume to continue it, "
                    + "or choose another --out.");
        }
        if (resume && !Files.exists(dir.resolve(RunManifest.FILE_NAME))) {
            throw new InputException("--resume: " + dir + " holds no run to continue (no manifest.json). Give the run folder with --out.");
        }
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * The samples a resumed run keeps. Failed samples are dropped from samples.jsonl (rewritten
     * atomically) so they are tried again and no sample ever stands in the file twice.
     */
    private static Set<String> doneKeys(Path runDir) throws IOException {
        Set<String> keys = new HashSet<>();
        List<Sample> failed = new ArrayList<>();
        SampleReader.forEach(runDir, (Sample s) -> {
            if (s.error() == null) {
                keys.add(s.key());
            } else {
                failed.add(s);
            }
        });
        if (!failed.isEmpty()) {
            Path kept = runDir.resolve(SampleSink.FILE_NAME + ".resume");
            Files.deleteIfExists(kept);
            try (SampleSink sink = new SampleSink(runDir, kept.getFileName().toString())) {
                SampleReader.forEach(runDir, (Sample s) -> {
                    if (s.error() == null) {
                        sink.write(s);
                    }
                });
            }
            Files.move(kept, runDir.resolve(SampleSink.FILE_NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return keys;
    }

    /** The answers in {@code runDir} of the models a pairwise judge compares with, by sample key. */
    private static Map<String, String> referenceAnswers(Path runDir, Set<String> models) throws IOException {
        Map<String, String> answers = new java.util.HashMap<>();
        if (!models.isEmpty() && Files.exists(runDir.resolve(SampleSink.FILE_NAME))) {
            SampleReader.forEach(runDir, (Sample s) -> {
                if (s.error() == null && models.contains(s.model())) {
                    answers.put(s.key(), s.answer());
                }
            });
        }
        return answers;
    }

    /** A pairwise judge's reference model must be in the run, or its answers in the resumed folder. */
    private static void requireReferences(RunPlan plan) {
        Set<String> running = new java.util.HashSet<>();
        plan.models().forEach(m -> running.add(m.id()));
        for (String id : plan.referenceModels()) {
            boolean answered = plan.priorAnswers().keySet().stream().anyMatch(k -> k.startsWith(id + "\u0000"));
            if (!running.contains(id) && !answered && !running.isEmpty()) {
                throw new InputException("--models leaves out '" + id + "', which a pairwise judge (against: " + id
                        + ") compares every answer with; add it to --models, or resume a run folder that has its answers.");
            }
        }
    }

    private String commandLine() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return "tunebench " + String.join(" ", args);
    }

    /** Progress on the terminal plus the run-folder side effects of engine events. */
    private record Listeners(RunListener progress, Path runDir, Map<String, RunnerInfo> infos,
                             Map<String, Integer> workers) implements RunListener {
        @Override
        public void runStarted(long totalSamples) {
            progress.runStarted(totalSamples);
        }

        @Override
        public void modelStarted(String modelId) {
            progress.modelStarted(modelId);
        }

        @Override
        public void samplesDone(int count) {
            progress.samplesDone(count);
        }

        @Override
        public void modelFailed(String modelId, String reason) {
            progress.modelFailed(modelId, reason);
        }

        @Override
        public void validationDone(String modelId, RunOutcome.ValidationLoss loss) {
            ValidationLosses.append(runDir, new ValidationLosses.Entry(modelId, loss.loss(), loss.tokens(), loss.rows()));
            progress.validationDone(modelId, loss);
        }

        @Override
        public void runnerOpened(String modelId, RunnerInfo info) {
            infos.put(modelId, info);
        }

        @Override
        public void workersChosen(String modelId, int count) {
            workers.put(modelId, count);
            progress.workersChosen(modelId, count);
        }

        @Override
        public void runnerClosing(String modelId, RunnerInfo info) {
            infos.put(modelId, info);
        }

        @Override
        public void validationUnavailable(String modelId) {
            progress.validationUnavailable(modelId);
        }

        @Override
        public void runnerWaiting(String modelId, String status) {
            progress.runnerWaiting(modelId, status);
        }

        @Override
        public void runFinished(boolean complete) {
            progress.runFinished(complete);
        }
    }
}
