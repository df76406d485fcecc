package dev.tunebench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.data.Conversation;
import dev.tunebench.data.DatasetReader;
import dev.tunebench.data.Row;
import dev.tunebench.data.Suggestions;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.PromptTokens;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.Tool;
import dev.tunebench.suite.CostTable;
import dev.tunebench.suite.ModelSpec;
import dev.tunebench.suite.Suite;
import dev.tunebench.suite.SuiteLoader;
import dev.tunebench.technique.Technique;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Shows the exact prompt a model receives and its tokens, from a messages file or a suite row. */
@Command(name = "prompt", mixinStandardHelpOptions = true,
        header = "Print the exact rendered prompt, its token count and its tokens one by one.",
        description = {"Two forms:",
                "  prompt --model DIR --messages FILE|- [--tools FILE] [--no-generation-prompt] [--json]",
                "  prompt SUITE --technique NAME --row N [--model ID] [--json]",
                "The first renders a JSON list of messages (or a chat data line: {\"messages\": [...], \"tools\": [...]}) "
                        + "with the folder's chat template; the second renders row N of the suite's eval data "
                        + "(0-based, as samples.jsonl's \"row\", or a row id like test.jsonl:12) through a technique "
                        + "and adds its cost at the suite's prices. A template error exits 2 with its message."})
final class PromptCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SUITE", description = "Suite file (the suite form).")
    Path suiteFile;
    @Option(names = "--model", paramLabel = "DIR|ID",
            description = "Model folder; with SUITE, a model id of the suite (default: its baseline).")
    String model;
    @Option(names = "--messages", paramLabel = "FILE|-", description = "JSON messages file, or - for standard input.")
    String messages;
    @Option(names = "--tools", paramLabel = "FILE", description = "JSON list of tools (replaces any in --messages).")
    Path tools;
    @Option(names = "--no-generation-prompt", description = "Render without add_generation_prompt.")
    boolean noGenerationPrompt;
    @Option(names = "--technique", paramLabel = "NAME", description = "The suite's technique to apply.")
    String technique;
    @Option(names = "--row", paramLabel = "N", description = "Eval row: 0-based index or row id (file:line).")
    String row;
    @Option(names = "--json", description = "Print {\"text\", \"token_ids\", \"tokens\", \"prompt_tokens\"} as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (suiteFile == null) {
            if (model == null || messages == null) {
                throw new InputException("prompt needs --model DIR and --messages FILE|- (or a SUITE with --technique "
                        + "and --row). Try 'tunebench prompt --help'.");
            }
            refuse(technique != null, "--technique", "a SUITE");
            refuse(row != null, "--row", "a SUITE");
            Prompt prompt = messagesPrompt();
            try (Runner runner = RunnerFactories.find("onnx").open(Path.of(model), new RunnerSettings("cpu", 1, 1))) {
                new PromptPrinter(spec.commandLine().getOut(), json).print(tokens(runner, prompt, !noGenerationPrompt),
                        null);
            }
            return ExitCodes.OK;
        }
        refuse(messages != null, "--messages", "--model DIR without a SUITE");
        refuse(tools != null, "--tools", "--model DIR without a SUITE");
        refuse(noGenerationPrompt, "--no-generation-prompt", "--model DIR without a SUITE");
        if (technique == null || row == null) {
            throw new InputException("prompt " + suiteFile + " needs --technique NAME and --row N.");
        }
        Suite suite = SuiteLoader.load(suiteFile);
        Technique t = suite.technique(technique).orElseThrow(() -> {
            List<String> known = suite.techniques().stream().map(Technique::name).toList();
            return new InputException("--technique: no technique '" + technique + "' in " + suiteFile.getFileName()
                    + Suggestions.didYouMean(technique, known) + ". Techniques: " + known + ".");
        });
        ModelSpec m = model == null ? suite.baseline() : suite.model(model).orElseThrow(() -> {
            List<String> known = suite.models().stream().map(ModelSpec::id).toList();
            return new InputException("--model: no model '" + model + "' in " + suiteFile.getFileName()
                    + Suggestions.didYouMean(model, known) + ". Models: " + known + ".");
        });
        Prompt prompt = t.apply(findRow(suite));
        try (Runner runner = RunnerFactories.find(m.runnerType()).open(m.folder().orElse(null), m.runner())) {
            PromptTokens tokens = tokens(runner, prompt, true);
            new PromptPrinter(spec.commandLine().getOut(), json).print(tokens, cost(suite.cost(), m.id()));
        }
        return ExitCodes.OK;
    }

    private static PromptTokens tokens(Runner runner, Prompt prompt, boolean addGenerationPrompt) {
        try {
            return runner.tokens(prompt, addGenerationPrompt);
        } catch (UnsupportedOperationException e) {
            throw new InputException("prompt cannot show tokens: " + e.getMessage() + ".");
        }
    }

    private static PromptPrinter.Cost cost(CostTable table, String modelId) {
        return table.priceFor(modelId).map(p -> new PromptPrinter.Cost(modelId, table.currency(), p.promptPer1k()))
                .orElse(null);
    }

    private Prompt messagesPrompt() throws IOException {
        String where = "-".equals(messages) ? "standard input" : messages;
        Conversation c = Conversation.read(readJson(where), where);
        List<Tool> offered = c.tools();
        Boolean parallel = c.parallelToolCalls();
        if (tools != null) {
            offered = Conversation.readTools(readJson(tools.toString()), tools.toString());
        }
        return Prompt.of(c.messages()).withTools(offered, parallel);
    }

    private JsonNode readJson(String where) throws IOException {
        String text;
        try {
            text = "standard input".equals(where) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(where), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(where + ": file not found; check the path.");
        } catch (CharacterCodingException e) {
            throw new InputException(where + ": not UTF-8 text; save it as UTF-8.");
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InputException(where + ": empty; expected JSON like [{\"role\": \"user\", \"content\": \"hi\"}].");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InputException(where + ": not valid JSON (" + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ").");
        }
    }

    private Row findRow(Suite suite) {
        Optional<Integer> index = parseIndex(row);
        try (Stream<Row> rows = DatasetReader.open(suite.eval())) {
            return rows.filter(r -> index.map(i -> r.index() == i).orElse(r.rowId().equals(row))).findFirst()
                    .orElseThrow(() -> new InputException("--row: no row " + row + " in " + suite.eval().file()
                            + "; give a 0-based index below the row count or a row id like "
                            + suite.eval().file().getFileName() + ":1."));
        }
    }

    private static Optional<Integer> parseIndex(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void refuse(boolean given, String option, String form) {
        if (given) {
            throw new InputException(option + " only applies with " + form + ". Try 'tunebench prompt --help'.");
        }
    }
}
