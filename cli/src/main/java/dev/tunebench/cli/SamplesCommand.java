package dev.tunebench.cli;

import picocli.CommandLine.Command;

/** Groups the subcommands that work on a run's samples. */
@Command(name = "samples", mixinStandardHelpOptions = true,
        header = "Work with a run's samples.jsonl.",
        subcommands = {SamplesExportCommand.class, picocli.CommandLine.HelpCommand.class})
final class SamplesCommand {
}
