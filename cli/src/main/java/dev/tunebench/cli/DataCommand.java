package dev.tunebench.cli;

import picocli.CommandLine.Command;

/** Groups the training-data subcommands. */
@Command(name = "data", mixinStandardHelpOptions = true,
        header = "Check chat fine-tuning data before a fine-tune.",
        subcommands = {DataCheckCommand.class, picocli.CommandLine.HelpCommand.class})
final class DataCommand {
}
