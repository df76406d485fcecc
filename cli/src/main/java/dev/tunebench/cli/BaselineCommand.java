package dev.tunebench.cli;

import picocli.CommandLine.Command;

/** Groups the baseline subcommands. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        header = "Manage blessed baselines that `tunebench gate --baseline` compares runs with.",
        subcommands = {BaselineSaveCommand.class, picocli.CommandLine.HelpCommand.class})
final class BaselineCommand {
}
