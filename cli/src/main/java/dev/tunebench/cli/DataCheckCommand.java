package dev.tunebench.cli;

import dev.tunebench.datacheck.DataCheck;
import dev.tunebench.datacheck.DataCheckJson;
import dev.tunebench.datacheck.TokenCounter;
import dev.tunebench.results.Json;
import dev.tunebench.runners.onnx.LocalTokenizer;
import dev.tunebench.spi.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tunebench data check}: the format rules of a fine-tuning service, figures with the model's own
 * tokenizer, duplicates and overlap with other files, and the answer distribution. Exit 2 when a service would
 * reject the file; overlap and distribution warnings do not change the exit code.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Check a chat fine-tuning JSONL file: format, token figures, duplicates, overlap, labels.")
final class DataCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "FILE", description = "Chat fine-tuning JSONL file (the training file).")
    Path file;
    @Option(names = "--model", paramLabel = "DIR",
            description = "Model folder whose tokenizer and chat template count tokens (tokenizer.json and a template).")
    Path model;
    @Option(names = "--against", paramLabel = "FILE", arity = "1..*",
            description = "Files to check for overlap with FILE (evaluation, validation, few-shot pool); repeatable.")
    List<Path> against = List.of();
    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs for billed training tokens. Default: OpenAI's default for the data size.")
    Integer epochs;
    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (epochs != null && epochs < 1) {
            throw new dev.tunebench.spi.InputException("--epochs: expected a whole number of at least 1, got " + epochs + ".");
        }
        DataCheck check;
        try (LocalTokenizer tokenizer = model == null ? null : LocalTokenizer.open(model)) {
            Optional<TokenCounter> counter = Optional.ofNullable(tokenizer).map(DataCheckCommand::counter);
            check = DataCheck.run(file, against, counter, epochs);
        }
        if (json) {
            spec.commandLine().getOut().println(Json.PRETTY.writeValueAsString(DataCheckJson.of(check)));
        } else {
            DataCheckText.print(check, model, spec.commandLine().getOut());
        }
        return check.rejected() ? ExitCodes.USAGE : ExitCodes.OK;
    }

    private static TokenCounter counter(LocalTokenizer tokenizer) {
        return new TokenCounter() {
            @Override
            public Counts count(List<Message> conversation) {
                return tokenizer.trainingCounts(conversation);
            }

            @Override
            public int contextLength() {
                return tokenizer.contextLength();
            }
        };
    }
}
