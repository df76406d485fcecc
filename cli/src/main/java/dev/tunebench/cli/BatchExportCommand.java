package dev.tunebench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.data.DatasetReader;
import dev.tunebench.data.Row;
import dev.tunebench.run.RunOptions;
import dev.tunebench.run.Shard;
import dev.tunebench.run.SuitePlanner;
import dev.tunebench.runners.http.RequestBody;
import dev.tunebench.runners.replay.CustomId;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RequestKey;
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

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Writes a model's requests (technique × row × repeat) as Batch API input lines whose bodies the served
 * runners' own {@link RequestBody} builds, so a batch asks exactly what the {@code openai} runner would.
 *
 * <p>Limits of one input file, from the providers' references: OpenAI "up to 50,000 requests, and can be up to
 * 200 MB in size" (API reference, Create batch: {@code input_file_id}); Azure OpenAI global batch "Max input
 * file size 200 MB", "Max requests per file 100,000" (Azure OpenAI quotas and limits, Batch limits). Azure's
 * batch line names the deployment in {@code body.model} and asks {@code /chat/completions}; OpenAI's asks
 * {@code /v1/chat/completions}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Write one model's requests as an OpenAI / Azure OpenAI Batch API input file (nothing is sent).")
final class BatchExportCommand implements Callable<Integer> {
    static final int OPENAI_MAX_REQUESTS = 50_000;
    static final int AZURE_MAX_REQUESTS = 100_000;
    /** 200 MB read as 200,000,000 bytes, the smaller of the two readings of "MB". */
    static final long MAX_BYTES = 200_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Api { openai, azure }

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "SUITE", description = "Suite file (YAML).")
    Path suiteFile;
    @Option(names = "--model", required = true, paramLabel = "ID", description = "The suite's model whose requests to write.")
    String model;
    @Option(names = "--techniques", split = ",", paramLabel = "NAME", description = "Only these techniques.")
    List<String> techniques = new ArrayList<>();
    @Option(names = "--limit", defaultValue = "0", description = "Only the first N rows (0 = all).")
    int limit;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Requests file (.jsonl); split into FILE-001.jsonl, ... past the API's limits.")
    Path out;
    @Option(names = "--api", paramLabel = "openai|azure", description = "Whose Batch API: openai (url /v1/chat/completions, 50,000 requests a file) or azure (url /chat/completions, 100,000). Default: azure for a model of runner type azure, else openai.")
    Api api;
    @Option(names = "--body-model", paramLabel = "NAME", description = "The body's model (Azure: the batch deployment). Default: the model's model:/deployment: setting, or its suite id.")
    String bodyModel;
    @Option(names = "--continue-final-message", description = "The server continues a final assistant message (vLLM, tunebench serve), so primed techniques can be sent.")
    boolean continueFinalMessage;
    @Option(names = "--max-requests", paramLabel = "N", description = "Start a new file after N requests. Default: the API's limit.")
    Integer maxRequests;

    @Override
    public Integer call() {
        Flags.atLeast("--limit", limit, 0);
        Flags.atLeast("--max-requests", maxRequests, 1);
        Suite suite = SuiteLoader.load(suiteFile);
        RunOptions options = new RunOptions(List.of(model), techniques, limit, Shard.ALL, false);
        ModelSpec m = SuitePlanner.selectedModels(suite, options).get(0);
        List<Technique> selected = SuitePlanner.selectedTechniques(suite, options);
        Api target = api != null ? api : "azure".equals(m.runnerType()) ? Api.azure : Api.openai;
        RequestBody bodies = bodies(m, target);
        int perFile = maxRequests != null ? maxRequests : target == Api.azure ? AZURE_MAX_REQUESTS : OPENAI_MAX_REQUESTS;
        if (out.getParent() != null) {
            try {
                Files.createDirectories(out.getParent());
            } catch (java.io.IOException e) {
                throw new InputException("--out: cannot create " + out.getParent() + " (" + e.getMessage() + ").");
            }
        }
        // What the API cannot run is per technique (a prime, too many stops): refuse before any file is written.
        try (Stream<Row> rows = DatasetReader.open(suite.eval())) {
            rows.findFirst().ifPresent(first -> selected.forEach(t -> refuseUnsupported(bodies, t, first, m.generation(), 0)));
        }
        String url = target == Api.azure ? "/chat/completions" : "/v1/chat/completions";
        int written = 0;
        List<BatchFiles.Part> parts;
        try (BatchFiles files = new BatchFiles(out, perFile, MAX_BYTES)) {
            for (Technique t : selected) {
                for (int repeat = 0; repeat < suite.repeats(); repeat++) {
                    GenerationSettings generation = m.generation().forRepeat(repeat);
                    try (Stream<Row> rows = limit > 0 ? DatasetReader.open(suite.eval()).limit(limit) : DatasetReader.open(suite.eval())) {
                        for (Row row : (Iterable<Row>) rows::iterator) {
                            Prompt prompt = refuseUnsupported(bodies, t, row, generation, repeat);
                            ObjectNode line = JSON.createObjectNode();
                            line.put("custom_id", CustomId.of(new RequestKey(m.id(), t.name(), row.rowId(), repeat)));
                            line.put("method", "POST");
                            line.put("url", url);
                            line.set("body", bodies.build(prompt, generation));
                            files.write(line.toString());
                            written++;
                        }
                    }
                }
            }
            parts = files.finish();
        }
        if (written == 0) {
            throw new InputException(suite.eval().file() + " has no rows to export; nothing was written.");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("batch export: " + written + " requests of model " + m.id() + " (" + selected.size()
                + " technique(s) x rows x " + suite.repeats() + " repeat(s)) for the " + target + " Batch API, url " + url);
        for (BatchFiles.Part p : parts) {
            stdout.println("  " + p.file() + " (" + p.requests() + " requests)");
        }
        stdout.println("next: submit " + (parts.size() == 1 ? "it" : "each file as one batch") + " with the provider's CLI "
                + "or console, download the output file(s), then score them with runner: {type: replay, file: OUTPUT.jsonl}"
                + " for model " + m.id() + " (see README, \"Batch API and replay\").");
        return ExitCodes.OK;
    }

    private static Prompt refuseUnsupported(RequestBody bodies, Technique t, Row row, GenerationSettings generation, int repeat) {
        Prompt prompt = t.apply(row);
        bodies.unsupported(prompt, generation).ifPresent(why -> {
            throw new InputException("technique '" + t.name() + "' (row " + row.rowId() + ", repeat " + repeat + "): " + why
                    + ". Or leave the technique out with --techniques.");
        });
        return prompt;
    }

    /**
     * The bodies the served runner would send: a served model's own model/deployment, max_tokens_field and
     * continue_final_message settings, under this command's flags; any other model is named by its suite id.
     */
    private RequestBody bodies(ModelSpec m, Api target) {
        boolean served = "openai".equals(m.runnerType()) || "azure".equals(m.runnerType());
        var o = m.runner().options();
        String name = bodyModel != null ? bodyModel
                : served ? o.text("openai".equals(m.runnerType()) ? "model" : "deployment").orElse(m.id()) : m.id();
        boolean continues = continueFinalMessage || served && o.bool("continue_final_message").orElse(false);
        String field = served ? o.text("max_tokens_field").orElse("max_tokens") : "max_tokens";
        return RequestBody.forBatch(target == Api.azure, name, field, continues, "--continue-final-message");
    }
}
