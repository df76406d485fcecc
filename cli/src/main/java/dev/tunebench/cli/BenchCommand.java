package dev.tunebench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.data.DataSource;
import dev.tunebench.data.Row;
import dev.tunebench.perf.Budget;
import dev.tunebench.perf.PerfBlock;
import dev.tunebench.perf.PerfDefaults;
import dev.tunebench.perf.PerfFiles;
import dev.tunebench.perf.PerfJson;
import dev.tunebench.perf.PerfRunner;
import dev.tunebench.perf.PerfSettings;
import dev.tunebench.perf.PerfTable;
import dev.tunebench.perf.Scenario;
import dev.tunebench.perf.Slo;
import dev.tunebench.perf.Ticker;
import dev.tunebench.perf.Workload;
import dev.tunebench.results.Json;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.RunnerOptions;
import dev.tunebench.spi.RunnerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Latency and throughput of one model folder, or one served model, on a data set, without a suite. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Measure latency and throughput of a model folder or an OpenAI-compatible endpoint under a load scenario.",
        description = {"Each data row's own input messages are the prompt; generation is greedy. Figures are "
                + "pooled over trials (warm-up excluded); throughput carries a Student-t interval across trials.",
                "Server: --rate R sends Poisson arrivals at R requests/s to --concurrency runners (default 1); "
                        + "without --rate, --concurrency N clients send back to back."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    GraphOptions graph;

    @Option(names = "--model", required = true, paramLabel = "DIR|NAME",
            description = "Model folder; with --endpoint, the model name the server knows.")
    String model;
    @Option(names = "--endpoint", paramLabel = "URL",
            description = "An OpenAI-compatible base URL (e.g. http://127.0.0.1:8000/v1): measure the served model through the openai runner.")
    String endpoint;
    @Option(names = "--api-key-env", paramLabel = "VAR", description = "With --endpoint: the environment variable holding the key.")
    String apiKeyEnv;
    @Option(names = "--no-stream", description = "With --endpoint: one JSON answer per request (no per-token times).")
    boolean noStream;
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Chat JSONL; each row's messages without the final answer are a prompt.")
    Path data;
    @Option(names = "--scenario", defaultValue = "single-stream", paramLabel = "NAME",
            description = "single-stream, offline or server. Default: ${DEFAULT-VALUE}.")
    String scenario;
    @Option(names = "--batch-sizes", split = ",", paramLabel = "N", description = "Offline sweep. Default: 1,2,4,8,16.")
    List<Integer> batchSizes;
    @Option(names = "--workers", split = ",", paramLabel = "N",
            description = "Offline: threads sharing the runner, each sending its next batch (a sweep, e.g. 1,2,4). Default: 1.")
    List<Integer> workerCounts;
    @Option(names = "--threads", defaultValue = "1", description = "Intra-op threads per runner (0 = runtime default). Default: ${DEFAULT-VALUE}.")
    int threads;
    @Option(names = "--device", defaultValue = "cpu", description = "cpu or cuda[:N]. Default: ${DEFAULT-VALUE}.")
    String device;
    @Option(names = "--concurrency", description = "Server: runners serving at once (one runner per worker).")
    Integer concurrency;
    @Option(names = "--rate", paramLabel = "R", description = "Server: Poisson arrival rate in requests/s (open loop).")
    Double rate;
    @Option(names = "--warmup", paramLabel = "N", description = "Warm up with N requests (>= concurrency) instead of a duration.")
    Integer warmup;
    @Option(names = "--warmup-duration", paramLabel = "S", description = "Warm up for S seconds (every runner at least one request). Default: 5.")
    Double warmupSeconds;
    @Option(names = "--requests", paramLabel = "N", description = "Measured requests per trial. Default: every data row.")
    Integer requests;
    @Option(names = "--duration", paramLabel = "S", description = "Measure for S seconds per trial instead of a count.")
    Double duration;
    @Option(names = "--trials", description = "Default: ${DEFAULT-VALUE}.")
    int trials = PerfDefaults.TRIALS;
    @Option(names = "--max-new-tokens", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;
    @Option(names = "--slo", paramLabel = "METRIC<=MS", description = "Goodput objective (repeatable), e.g. ttft_ms<=200 tpot_ms<=20.")
    List<String> slos = new ArrayList<>();
    @Option(names = "--seed", description = "Seed of the Poisson arrivals. Default: ${DEFAULT-VALUE}.")
    long seed = PerfDefaults.SEED;
    @Option(names = "--timings", paramLabel = "DIR", description = "Also write per-request timings to DIR/perf.jsonl.")
    Path timings;
    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Scenario kind = Scenario.parse(scenario, "--scenario");
        Workload workload = Workload.read(DataSource.chat(data), (Row r) -> Prompt.of(r.input()));
        PerfSettings settings = settings(kind, workload.size());
        if (timings != null) {
            Files.createDirectories(timings);
        }
        RunnerSettings runnerSettings = new RunnerSettings(device, threads, 1, graph.runnerOptions());
        Path folder = null;
        String type = "onnx";
        String name;
        if (endpoint != null) {
            if (!graph.runnerOptions().keys().isEmpty()) {
                throw new InputException("--variant and --file choose a graph inside a model folder; they do not go with --endpoint.");
            }
            type = "openai";
            runnerSettings = runnerSettings.withOptions(endpointOptions(settings));
            RunnerFactories.find(type).check(null, runnerSettings);
            name = model;
        } else {
            if (apiKeyEnv != null || noStream) {
                throw new InputException("--api-key-env and --no-stream go with --endpoint; without it --model is a folder.");
            }
            folder = Path.of(model);
            name = folder.toAbsolutePath().normalize().getFileName().toString();
        }
        RunnerFactory factory = RunnerFactories.find(type);
        Path modelDir = folder;
        PerfRunner runner = new PerfRunner(s -> factory.open(modelDir, s), runnerSettings, Ticker.SYSTEM,
                timings == null ? PerfRunner.TrialSink.NONE : PerfFiles.requestLog(timings));
        PrintWriter err = spec.commandLine().getErr();
        err.println("bench: " + name + " " + kind.wireName() + (endpoint != null ? " at " + endpoint
                : " on " + device + ", " + threads + " thread(s),") + " " + workload.size() + " prompts");
        err.flush();
        List<PerfBlock> blocks;
        try {
            blocks = runner.run(name, workload, settings);
        } catch (IllegalStateException e) {
            // A served model refused or could not be reached: the message says what to fix in --endpoint/--model.
            if (endpoint == null) {
                throw e;
            }
            throw new InputException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(result(blocks, settings)));
        } else {
            PerfTable.print(blocks, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * The openai runner's options for --endpoint: an offline batch of N on each of W workers is N x W
     * requests in flight, so the runner may have as many in flight as the largest of those.
     */
    private RunnerOptions endpointOptions(PerfSettings settings) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("base_url", endpoint);
        o.put("model", model);
        if (apiKeyEnv != null) {
            o.put("api_key_env", apiKeyEnv);
        }
        o.put("stream", !noStream);
        o.put("concurrency", Math.max(1, settings.batchSizes().stream().mapToInt(Integer::intValue).max().orElse(1)
                * settings.workers().stream().mapToInt(Integer::intValue).max().orElse(1)));
        return RunnerOptions.of(o, "--endpoint");
    }

    private PerfSettings settings(Scenario kind, int rows) {
        Flags.atLeast("--threads", threads, 0);
        if (requests != null && duration != null) {
            throw new InputException("give --requests or --duration, not both.");
        }
        if (warmup != null && warmupSeconds != null) {
            throw new InputException("give --warmup or --warmup-duration, not both.");
        }
        int workers = concurrency == null ? PerfDefaults.CONCURRENCY : concurrency;
        Budget warm = warmup != null ? count(warmup, "--warmup")
                : seconds(warmupSeconds == null ? PerfDefaults.WARMUP_SECONDS : warmupSeconds, "--warmup-duration");
        Budget measure = duration != null ? seconds(duration, "--duration")
                : count(requests == null ? rows : requests, "--requests");
        List<Integer> batches = batchSizes != null ? batchSizes
                : kind == Scenario.OFFLINE ? PerfDefaults.OFFLINE_BATCH_SIZES : List.of(1);
        if (maxNewTokens < 1) {
            throw new InputException("--max-new-tokens must be at least 1, got " + maxNewTokens + ".");
        }
        List<Slo> objectives = slos.stream().map(s -> Slo.parse(s, "--slo")).toList();
        return new PerfSettings(kind, batches, workers, rate, warm, measure, trials,
                GenerationSettings.greedy(maxNewTokens), objectives, seed,
                workerCounts == null ? List.of(1) : workerCounts);
    }

    private static Budget count(int n, String flag) {
        if (n < 1) {
            throw new InputException(flag + " must be at least 1, got " + n + ".");
        }
        return Budget.requests(n);
    }

    private static Budget seconds(double s, String flag) {
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new InputException(flag + " must be a number of seconds > 0, got " + s + ".");
        }
        return Budget.seconds(s);
    }

    /**
     * The block itself for one block; for an offline sweep the block with the highest output tokens/s,
     * with every batch size's block under {@code sweep}.
     */
    private static ObjectNode result(List<PerfBlock> blocks, PerfSettings settings) {
        PerfBlock best = blocks.stream().max(Comparator.comparingDouble(
                b -> b.figures().outputTokensPerS().value() == null ? 0 : b.figures().outputTokensPerS().value())).orElseThrow();
        ObjectNode o = PerfFiles.nullForNaN(PerfJson.block(best));
        ArrayNode sizes = o.putArray("batch_sizes");
        settings.batchSizes().forEach(sizes::add);
        if (blocks.size() > 1) {
            ArrayNode sweep = o.putArray("sweep");
            blocks.forEach(b -> sweep.add(PerfFiles.nullForNaN(PerfJson.block(b))));
        }
        return o;
    }
}
