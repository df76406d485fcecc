package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.results.RunManifest;
import dev.tunebench.results.Sample;
import dev.tunebench.results.SampleReader;
import dev.tunebench.results.SampleSink;
import dev.tunebench.run.Shard;
import dev.tunebench.spi.InputException;
import dev.tunebench.summary.ValidationLosses;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Joins the shard folders of one run (`tunebench run --shard i/n`) into one run folder whose samples are in
 * the order an unsharded run writes them, so its summary is the unsharded run's (timings aside).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        header = "Join the shard folders of one run into a single run folder (summary as if run unsharded).",
        description = "Checks that every shard 1..n is there exactly once and that all come from the same suite, data, "
                + "models and flags; refuses overlapping samples; writes samples.jsonl, validation.jsonl, manifest.json, "
                + "summary.json and the reports into --out.")
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "The shard folders, one per shard.")
    List<Path> shardDirs = new ArrayList<>();
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The merged run folder (new or empty).")
    Path out;

    @Override
    public Integer call() {
        ShardFolders shards = ShardFolders.check(shardDirs);
        prepareOut();
        RunManifest first = shards.first();
        try (SampleSink sink = new SampleSink(out)) {
            // One model at a time: memory holds one model's samples, not the whole run.
            for (RunManifest.ModelEntry model : first.models()) {
                mergeModel(model.id(), shards, sink);
            }
        }
        Map<String, ValidationLosses.Entry> losses = new LinkedHashMap<>();
        for (int i : shards.order()) {
            // Each shard computes every model's validation loss (the same figure); the first one is kept.
            ValidationLosses.read(shards.dirs().get(i)).forEach(losses::putIfAbsent);
        }
        first.models().stream().map(m -> losses.get(m.id())).filter(Objects::nonNull)
                .forEach(e -> ValidationLosses.append(out, e));
        copyFineTune(shards);
        RunManifest manifest = merged(shards);
        RunFolder.writeManifest(out, manifest);
        JsonNode summary = RunFolder.summarize(out, manifest);
        ReportCommand.writeAll(out);
        PrintWriter stdout = spec.commandLine().getOut();
        TerminalSummary.print(summary, stdout);
        stdout.println();
        if (!manifest.complete()) {
            spec.commandLine().getErr().println("tunebench: WARNING: the merged run is incomplete: "
                    + String.join("; ", manifest.problems()));
        }
        stdout.println("merged:  " + shardDirs.size() + " shards into " + out);
        stdout.println("results: " + out.resolve("summary.json"));
        return ExitCodes.OK;
    }

    /** Every shard writes the same finetune.json (it depends on the suite, its data and job files): the first is kept. */
    private void copyFineTune(ShardFolders shards) {
        for (int i : shards.order()) {
            Path file = shards.dirs().get(i).resolve(dev.tunebench.finetune.FineTuneFile.FILE_NAME);
            if (Files.exists(file)) {
                try {
                    Files.copy(file, out.resolve(file.getFileName()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot copy " + file + " to " + out, e);
                }
                return;
            }
        }
    }

    private void prepareOut() {
        if (Files.exists(out.resolve(SampleSink.FILE_NAME))) {
            throw new InputException(out + " already holds a run (samples.jsonl); merge into a new folder.");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
    }

    /** One model's samples from every shard, in the unsharded order: technique, repeat, row. */
    private static void mergeModel(String model, ShardFolders shards, SampleSink sink) {
        List<String> techniques = shards.first().techniques();
        Map<String, Path> owner = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (int i : shards.order()) {
            Path dir = shards.dirs().get(i);
            Set<String> seenHere = new HashSet<>();
            SampleReader.forEach(dir, s -> {
                if (!s.model().equals(model) || !seenHere.add(s.key())) {
                    return; // another model's, or a resumed shard's second copy (the first counts, as in its summary)
                }
                Path previous = owner.putIfAbsent(s.key(), dir);
                if (previous != null) {
                    throw new InputException("overlapping shards: sample " + s.model() + "/" + s.technique() + " row "
                            + s.row() + " repeat " + s.repeat() + " is in " + previous + " and in " + dir
                            + "; each sample must come from one shard. Re-run the shard that is wrong into a new folder.");
                }
                samples.add(s);
            });
        }
        samples.sort(Comparator.<Sample>comparingInt(s -> techniqueIndex(techniques, s))
                .thenComparingInt(Sample::repeat).thenComparingInt(Sample::row));
        samples.forEach(sink::write);
    }

    private static int techniqueIndex(List<String> techniques, Sample s) {
        int i = techniques.indexOf(s.technique());
        if (i < 0) {
            throw new InputException("a shard holds a sample of technique '" + s.technique() + "', which its manifest "
                    + "does not list (" + String.join(", ", techniques) + "); the folder is damaged.");
        }
        return i;
    }

    /** The first shard's manifest, made whole: unsharded, spanning all shards' times and problems. */
    private RunManifest merged(ShardFolders shards) {
        RunManifest f = shards.first();
        List<String> problems = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        RunManifest.RunnerEntry runner = null;
        for (int i : shards.order()) {
            RunManifest m = shards.manifests().get(i);
            if (!m.complete()) {
                problems.add("shard " + shards.shards().get(i) + " (" + shards.dirs().get(i) + ") incomplete: "
                        + String.join("; ", m.problems() == null ? List.of() : m.problems()));
            }
            start = earliest(start, m.startedAt());
            end = m.endedAt() == null ? end : latest(end, m.endedAt());
            runner = runner != null ? runner : m.runner();
        }
        RunManifest.Settings s = f.settings();
        RunManifest.Settings settings = new RunManifest.Settings(s.batchSize(), s.threads(), s.device(), s.limit(),
                Shard.ALL.toString(), s.repeats(), s.seed(), s.bootstrapSeed(), s.bootstrapResamples(), s.perf());
        return new RunManifest(f.schemaVersion(), f.tunebenchVersion(),
                "tunebench " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                start == null ? null : start.toString(), end == null ? null : end.toString(), problems.isEmpty(),
                problems, f.suite(), f.data(), f.models(), f.techniques(), runner, settings, f.machine(), f.judges());
    }

    private static Instant earliest(Instant a, String b) {
        Instant t = Instant.parse(b);
        return a == null || t.isBefore(a) ? t : a;
    }

    private static Instant latest(Instant a, String b) {
        Instant t = Instant.parse(b);
        return a == null || t.isAfter(a) ? t : a;
    }
}
