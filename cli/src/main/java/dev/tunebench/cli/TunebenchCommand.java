package dev.tunebench.cli;

import dev.tunebench.cli.serve.ServeCommand;
import picocli.CommandLine.Command;

/** The root command: lists the subcommands. */
@Command(
        name = "tunebench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Batch evaluation and benchmarking of LLMs and their fine-tuned checkpoints on ONNX Runtime.",
        description = {"", "Exit codes: 0 success, 1 gate no-go, 2 usage or input error, 4 internal error.", ""},
        subcommands = {
                RunCommand.class,
                ValidateCommand.class,
                ReportCommand.class,
                GateCommand.class, BaselineCommand.class, MergeCommand.class,
                GenerateCommand.class,
                PromptCommand.class,
                ModelInfoCommand.class,
                DataCommand.class,
                BenchCommand.class,
                ServeCommand.class,
                CacheCommand.class, HistoryCommand.class,
                BatchCommand.class, SamplesCommand.class,
                picocli.CommandLine.HelpCommand.class
        })
public final class TunebenchCommand {
}
