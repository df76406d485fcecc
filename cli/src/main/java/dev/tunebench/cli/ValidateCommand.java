package dev.tunebench.cli;

import dev.tunebench.data.DataSource;
import dev.tunebench.data.DatasetReader;
import dev.tunebench.run.RunnerChecks;
import dev.tunebench.suite.ModelSpec;
import dev.tunebench.suite.Suite;
import dev.tunebench.suite.SuiteLoader;
import dev.tunebench.technique.Technique;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Checks a suite, its data and its model folders without running any model. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        header = "Check a suite file, its data files and model folders without running anything.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "SUITE", description = "Suite file (YAML).")
    java.nio.file.Path suiteFile;
    @picocli.CommandLine.Option(names = "--estimate", description = "Also print what a run would send and cost (as run --dry-run).")
    boolean estimate;
    @picocli.CommandLine.Option(names = "--from", paramLabel = "RUN_DIR", description = "With --estimate: mean completion"
            + " lengths from this earlier run folder instead of max_new_tokens.")
    java.nio.file.Path from;

    @Override
    public Integer call() {
        Suite suite = SuiteLoader.load(suiteFile);
        PrintWriter out = spec.commandLine().getOut();
        long rows = readAll(suite.eval());
        out.println("suite " + suite.name() + " (" + suite.file() + ")");
        out.println("  eval data: " + suite.eval().file() + ", " + rows + " rows");
        suite.fewShotPool().ifPresent(d -> out.println("  few-shot pool: " + d.file() + ", " + readAll(d) + " rows"));
        suite.validation().ifPresent(d -> out.println("  validation: " + d.file() + ", " + readAll(d) + " rows"));
        RunnerChecks.check(suite.models(), suite.scorers());
        RunnerChecks.checkPrompts(suite.models(), suite.techniques(), suite.eval());
        for (ModelSpec m : suite.models()) {
            out.println("  model " + m.id() + " (" + m.role().suiteName() + ", " + m.runnerType() + ")"
                    + (m.epoch() == null ? "" : " epoch " + m.epoch()) + m.folder().map(f -> ": " + f).orElse(""));
        }
        for (Technique t : suite.techniques()) {
            out.println("  technique " + t.name() + ": " + t.transforms().size() + " transforms");
        }
        out.println("  scorers: " + suite.scorers().stream().map(s -> s.name()).toList() + ", metrics " + suite.metrics());
        suite.scorers().stream().filter(dev.tunebench.scoring.JudgeScorer.class::isInstance)
                .map(s -> ((dev.tunebench.scoring.JudgeScorer) s).referenceWarning()).flatMap(java.util.Optional::stream)
                .forEach(w -> spec.commandLine().getErr().println("tunebench: WARNING: " + w));
        out.println("OK: " + suite.models().size() + " models x " + suite.techniques().size() + " techniques x " + rows
                + " rows = " + (suite.models().size() * suite.techniques().size() * rows * suite.repeats()) + " samples");
        if (estimate) {
            out.println();
            CostEstimate.print(suite, new dev.tunebench.run.RunOptions(java.util.List.of(), java.util.List.of(), 0,
                    dev.tunebench.run.Shard.ALL, false), from, out);
        }
        return ExitCodes.OK;
    }

    /** Reads every row so that a malformed line anywhere is reported now, not mid-run. */
    private static long readAll(DataSource source) {
        try (var rows = DatasetReader.open(source)) {
            return rows.count();
        }
    }
}
