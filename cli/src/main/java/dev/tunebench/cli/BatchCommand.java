package dev.tunebench.cli;

import picocli.CommandLine.Command;

/** Groups the Batch API subcommands. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        header = "Prepare requests for the OpenAI / Azure OpenAI Batch API; score its output with runner type replay.",
        subcommands = {BatchExportCommand.class, picocli.CommandLine.HelpCommand.class})
final class BatchCommand {
}
