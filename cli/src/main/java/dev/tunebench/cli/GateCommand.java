package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.gate.Baseline;
import dev.tunebench.gate.BaselineFile;
import dev.tunebench.gate.DataChange;
import dev.tunebench.gate.GateDecision;
import dev.tunebench.gate.GateEvaluator;
import dev.tunebench.gate.GateJson;
import dev.tunebench.gate.GateOutcome;
import dev.tunebench.gate.GateRule;
import dev.tunebench.gate.GateRules;
import dev.tunebench.gate.RunRows;
import dev.tunebench.results.Json;
import dev.tunebench.results.RunManifest;
import dev.tunebench.scoring.ScorerSpec;
import dev.tunebench.scoring.Scorers;
import dev.tunebench.spi.InputException;
import dev.tunebench.suite.ModelSpec;
import dev.tunebench.suite.Suite;
import dev.tunebench.suite.SuiteLoader;
import dev.tunebench.technique.Technique;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** Evaluates the suite's gates on a run folder: go (exit 0) or no-go (exit 1), with gate.json and reports. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        header = "Decide go/no-go: evaluate the suite's gates on a run folder (exit 0 go, 1 no-go).",
        description = "Reads the gates: section of the run's suite (or --suite), evaluates every gate on the run "
                + "folder and, with --baseline, against a blessed baseline on the same rows; prints a table, writes "
                + "gate.json and rewrites report.html, summary.md and junit.xml. An inconclusive gate counts as "
                + "no-go unless it says on_inconclusive: pass.")
final class GateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "Run folder written by `tunebench run` or `merge`.")
    Path runDir;
    @Option(names = "--baseline", paramLabel = "FILE", description = "Blessed baseline (baselines/NAME.json) for against: blessed gates, "
            + "or " + LastGo.NAME + ": the latest earlier run of the suite that passed its gate, from the store.")
    Path baselineFile;
    @Option(names = "--allow-data-change", description = "Compare with a baseline whose data differ (unpaired, less powerful).")
    boolean allowDataChange;
    @Option(names = "--suite", paramLabel = "FILE", description = "Take the gates from this suite. Default: the run's suite (manifest.json suite.file).")
    Path suiteFile;

    @Override
    public Integer call() {
        RunManifest manifest = RunFolder.readManifest(runDir);
        JsonNode summary = RunFolder.readSummary(runDir);
        PrintWriter err = spec.commandLine().getErr();
        List<String> warnings = new ArrayList<>();
        Path suitePath = suitePath(manifest);
        Suite suite = SuiteLoader.load(suitePath);
        if (!suite.sha256().equals(manifest.suite().sha256())) {
            warnings.add(suitePath + " changed since the run; its current gates are applied to the run's figures.");
        }
        List<GateRule> rules = rules(suite, suitePath);
        boolean lastGo = LastGo.asked(baselineFile);
        Baseline baseline = baselineFile == null ? null
                : lastGo ? LastGo.find(storeOptions, runDir, manifest, err) : BaselineFile.read(baselineFile);
        boolean dataChanged = baseline != null && dataChanged(manifest, baseline, warnings);
        if (baseline != null) {
            dev.tunebench.results.ServedChanges.between(manifest, baseline.manifest(), "baseline '" + baseline.name() + "'")
                    .forEach(c -> warnings.add("SERVED MODEL CHANGED: " + c));
        }
        warnings.forEach(w -> err.println("tunebench: WARNING: " + w));

        List<GateOutcome> outcomes = new GateEvaluator(manifest, summary, RunRows.read(runDir), baseline, !dataChanged)
                .evaluate(rules);
        GateDecision decision = new GateDecision(manifest.suite().name(),
                baselineFile == null ? null : lastGo ? baseline.file() : baselineFile.toString(), dataChanged, outcomes, warnings);
        LastGo.record(storeOptions, runDir, manifest, summary, decision.go(), err);
        write(runDir.resolve(GateJson.FILE_NAME), decision);
        ReportCommand.writeAll(runDir);
        GateTable.print(decision, spec.commandLine().getOut());
        spec.commandLine().getOut().println("gate:    " + runDir.resolve(GateJson.FILE_NAME));
        return decision.go() ? ExitCodes.OK : ExitCodes.GATE_FAILED;
    }

    private Path suitePath(RunManifest manifest) {
        if (suiteFile != null) {
            return suiteFile;
        }
        Path recorded = Path.of(manifest.suite().file());
        if (!Files.isRegularFile(recorded)) {
            throw new InputException(runDir + ": the run's suite " + recorded + " (manifest.json suite.file, relative to "
                    + "where the run started) is not here. Run from that folder, or give the suite with --suite FILE.");
        }
        return recorded;
    }

    private static List<GateRule> rules(Suite suite, Path suitePath) {
        Set<String> models = suite.models().stream().map(ModelSpec::id).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> techniques = suite.techniques().stream().map(Technique::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<GateRule> rules = GateRules.parse(suite.gates(), suitePath.toString(),
                new GateRules.Names(models, techniques, suite.baseline().id(), suite.scorerSpecs().stream()
                        .filter(s -> Scorers.isGraded(s.type())).map(ScorerSpec::name).collect(Collectors.toSet())));
        if (rules.isEmpty()) {
            throw new InputException(suitePath + ": no gates: section, so there is nothing to decide. Add one, e.g. "
                    + "gates: [\"MODEL/" + suite.referenceTechnique() + " accuracy >= 0.75\"] (see docs/suite-format.md#gates).");
        }
        return rules;
    }

    /** Refuses a baseline on other data unless --allow-data-change; then says loudly that pairing is off. */
    private boolean dataChanged(RunManifest manifest, Baseline baseline, List<String> warnings) {
        List<String> changes = DataChange.between(manifest, baseline.manifest());
        if (changes.isEmpty()) {
            return false;
        }
        if (!allowDataChange) {
            throw new InputException("refusing to compare " + runDir + " with the baseline " + baselineFile
                    + ": the data differ, so rows cannot be paired:\n  " + String.join("\n  ", changes)
                    + "\nBless a baseline on the new data (`tunebench baseline save RUN_DIR --name NAME`), or pass "
                    + "--allow-data-change to compare unpaired.");
        }
        warnings.add("DATA CHANGED since baseline '" + baseline.name() + "' (" + String.join("; ", changes)
                + "): against: blessed gates compare UNPAIRED, with wider intervals; re-bless the baseline soon.");
        return true;
    }

    private static void write(Path file, GateDecision decision) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.PRETTY.writeValue(tmp.toFile(), GateJson.toJson(decision));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
