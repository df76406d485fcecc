package dev.tunebench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** One completion from one model: the quickest check that a model folder works. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        header = "Generate one completion from a model folder and print it.",
        description = "Renders --system/--user with the model's chat template (plus --prime), or takes raw "
                + "--prompt-ids, and decodes greedily unless --temperature is given.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    GraphOptions graph;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder (model.onnx, tokenizer.json, ...).")
    Path model;
    @Option(names = "--system", paramLabel = "TEXT", description = "System message.")
    String system;
    @Option(names = "--user", paramLabel = "TEXT", description = "User message (required unless --prompt-ids).")
    String user;
    @Option(names = "--prime", paramLabel = "TEXT", defaultValue = "", description = "Assistant prefix appended to the rendered prompt.")
    String prime;
    @Option(names = "--prompt-ids", split = ",", paramLabel = "ID", description = "Raw prompt token ids instead of text, e.g. 0,0,0,52.")
    List<Integer> promptIds;
    @Option(names = "--max-new-tokens", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;
    @Option(names = "--temperature", description = "Sample with this temperature (> 0); greedy when absent.")
    Double temperature;
    @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus sampling mass. Default: ${DEFAULT-VALUE}.")
    double topP;
    @Option(names = "--top-k", defaultValue = "0", description = "Sample from the k most likely tokens (0 = all).")
    int topK;
    @Option(names = "--seed", defaultValue = "0", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
    long seed;
    @Option(names = "--stop", paramLabel = "STR", description = "Stop string (repeatable); not part of the output.")
    List<String> stops = new ArrayList<>();
    @Option(names = "--device", defaultValue = "cpu", description = "cpu or cuda[:N]. Default: ${DEFAULT-VALUE}.")
    String device;
    @Option(names = "--threads", defaultValue = "1", description = "Intra-op threads (0 = runtime default). Default: ${DEFAULT-VALUE}.")
    int threads;
    @Option(names = "--json", description = "Print one JSON object with the completion, token counts and timings.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (promptIds == null && user == null) {
            throw new InputException("generate needs --user TEXT (or --prompt-ids for raw token ids).");
        }
        Flags.atLeast("--max-new-tokens", maxNewTokens, 1);
        Flags.atLeast("--threads", threads, 0);
        Decoding decoding = temperature == null ? Decoding.greedy()
                : sampling(temperature, topP, topK, seed);
        GenerationSettings settings = new GenerationSettings(maxNewTokens, decoding, stops);
        try (Runner runner = RunnerFactories.find("onnx").open(model, new RunnerSettings(device, threads, 1, graph.runnerOptions()))) {
            Generation g = promptIds != null
                    ? runner.generateFromIds(List.of(promptIds.stream().mapToInt(Integer::intValue).toArray()), settings).get(0)
                    : runner.generate(List.of(prompt()), settings).get(0);
            print(g);
        }
        return ExitCodes.OK;
    }

    private static Decoding sampling(double t, double p, int k, long seed) {
        try {
            return new Decoding.Sampling(t, p, k, seed);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage() + ". Fix --temperature/--top-p/--top-k.");
        }
    }

    private Prompt prompt() {
        List<Message> messages = new ArrayList<>();
        if (system != null) {
            messages.add(Message.system(system));
        }
        messages.add(Message.user(user));
        return new Prompt(messages, prime, List.of());
    }

    private void print(Generation g) throws Exception {
        if (!json) {
            spec.commandLine().getOut().println(prime + g.text());
            return;
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("completion", g.text());
        o.put("prompt_tokens", g.promptTokens());
        o.put("completion_tokens", g.completionTokens());
        o.put("finish_reason", g.finishReason().name().toLowerCase(java.util.Locale.ROOT));
        o.put("ttft_ms", g.timings().ttftMs());
        o.put("latency_ms", g.timings().latencyMs());
        o.put("tpot_ms", g.timings().tpotMs());
        var ids = o.putArray("completion_ids");
        for (int id : g.completionIds()) {
            ids.add(id);
        }
        spec.commandLine().getOut().println(mapper.writeValueAsString(o));
    }
}
