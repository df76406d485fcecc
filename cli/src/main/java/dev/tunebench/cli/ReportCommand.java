package dev.tunebench.cli;

import dev.tunebench.reports.Reports;
import dev.tunebench.results.RunManifest;
import dev.tunebench.results.WriteFailed;
import dev.tunebench.spi.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Re-summarises a run folder and writes its report (optionally against another run). */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Write the HTML report (and summary.md, junit.xml) of a run folder.",
        description = "Rebuilds summary.json from samples.jsonl, then writes report.html, summary.md and junit.xml "
                + "into the run folder. With --compare, report.html also compares this run with another one, paired on the "
                + "rows both share (unpaired, and said so, when the data changed).")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "Run folder written by `tunebench run`.")
    Path runDir;
    @Option(names = "--compare", paramLabel = "OTHER_RUN_DIR", description = "Compare with this run (e.g. last night's), row by row.")
    Path compare;
    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the HTML report. Default: RUN_DIR/report.html.")
    Path out;

    @Override
    public Integer call() {
        RunManifest manifest = RunFolder.readManifest(runDir);
        RunFolder.summarize(runDir, manifest);
        if (compare != null) {
            RunFolder.readManifest(compare);
        }
        Path html = out != null ? out : runDir.resolve("report.html");
        try {
            // The HTML once, where and against what was asked; the other views always into the run folder.
            for (ReportWriter w : Reports.writers().values()) {
                if (!w.id().equals("html")) {
                    w.write(runDir, runDir.resolve(w.fileName()));
                }
            }
            Reports.writeHtml(runDir, compare, html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports of " + runDir, e);
        }
        spec.commandLine().getOut().println("report: " + html);
        return ExitCodes.OK;
    }

    static void writeAll(Path runDir) {
        try {
            Reports.writeAll(runDir);
        } catch (IOException e) {
            throw WriteFailed.of(runDir.resolve("report.html"), e);
        }
    }
}
