package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.gate.Baseline;
import dev.tunebench.gate.BaselineFile;
import dev.tunebench.gate.RunRows;
import dev.tunebench.results.RunManifest;
import dev.tunebench.spi.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/** Blesses a run: its manifest, summary and per-row outcomes go to baselines/NAME.json. */
@Command(name = "save", mixinStandardHelpOptions = true,
        header = "Bless a complete run as a baseline: write DIR/NAME.json (manifest, summary, per-row outcomes).")
final class BaselineSaveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "Run folder to bless.")
    Path runDir;
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Baseline name (file name without .json).")
    String name;
    @Option(names = "--dir", defaultValue = "baselines", paramLabel = "DIR", description = "Folder of baselines. Default: ${DEFAULT-VALUE}.")
    Path dir;
    @Option(names = "--force", description = "Replace an existing baseline of that name.")
    boolean force;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new InputException("--name '" + name + "' must be a file name: letters, digits, . _ - only.");
        }
        RunManifest manifest = RunFolder.readManifest(runDir);
        if (!manifest.complete()) {
            throw new InputException(runDir + " is an incomplete run (" + String.join("; ", manifest.problems() == null
                    ? List.of() : manifest.problems()) + "); bless only complete runs. Finish it with `tunebench run --resume`.");
        }
        JsonNode summary = RunFolder.readSummary(runDir);
        Path file = dir.resolve(name + ".json");
        if (Files.exists(file) && !force) {
            throw new InputException(file + " exists; pass --force to replace it (git keeps the old one), or pick another --name.");
        }
        RunRows rows = RunRows.read(runDir);
        try {
            BaselineFile.write(new Baseline(name, clock.instant().toString(), runDir.toString(), manifest, summary, rows,
                    file.toString()), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        int samples = rows.cells().values().stream().mapToInt(List::size).sum();
        spec.commandLine().getOut().println("baseline: " + file + " (" + rows.cells().size() + " model x technique cells, "
                + samples + " samples)");
        return ExitCodes.OK;
    }
}
