package dev.tunebench.cli.serve;

import dev.tunebench.cli.GraphOptions;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tunebench serve}: model folders behind an OpenAI-compatible Chat Completions API. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Serve model folders behind an OpenAI-compatible HTTP API (chat completions, streaming).",
        description = {"Endpoints: POST /v1/chat/completions (stream true or false), GET /v1/models, GET /health. "
                + "Each folder is served under its folder name, or under ID with --model ID=DIR. Requests that "
                + "arrive together and share max tokens and decoding are decoded in one batch. Prints "
                + "'tunebench serve: listening on http://HOST:PORT' once ready; stops on Ctrl-C or SIGTERM after "
                + "finishing the requests in flight."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "[ID=]DIR",
            description = "Model folder to serve (repeatable); its id is the folder name unless given as ID=DIR.")
    List<String> models;
    /** One graph choice for every --model: e.g. one hub folder's merged decoder. */
    @Mixin
    GraphOptions graph;
    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on; loopback unless you say otherwise. Default: ${DEFAULT-VALUE}.")
    String host;
    @Option(names = "--port", defaultValue = "8080", description = "Port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;
    @Option(names = "--batch-size", defaultValue = "8", description = "Most requests decoded together per model. Default: ${DEFAULT-VALUE}.")
    int batchSize;
    @Option(names = "--queue", defaultValue = "64",
            description = "Requests that may wait per model beyond one batch; more get 429. Default: ${DEFAULT-VALUE}.")
    int queue;
    @Option(names = "--threads", defaultValue = "1", description = "Intra-op threads per model (0 = runtime default). Default: ${DEFAULT-VALUE}.")
    int threads;
    @Option(names = "--device", defaultValue = "cpu", description = "cpu or cuda[:N]. Default: ${DEFAULT-VALUE}.")
    String device;
    @Option(names = "--max-body-bytes", defaultValue = "1048576", description = "Larger request bodies get 413. Default: ${DEFAULT-VALUE}.")
    long maxBodyBytes;
    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        check();
        List<ServedModel> served = new ArrayList<>();
        ServeServer server;
        try {
            for (String model : models) {
                served.add(open(model, served));
            }
            server = new ServeServer(served, new InetSocketAddress(address(), port), maxBodyBytes);
        } catch (RuntimeException | IOException e) {
            closeAll(served);
            if (e instanceof IOException io) {
                throw new InputException("Cannot listen on " + host + ":" + port + ": " + io.getMessage()
                        + ". Pick another --port (0 picks a free one) or --host.", io);
            }
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (ServedModel m : served) {
            out.println("tunebench serve: model " + m.id() + " (batch " + batchSize + ", queue " + queue + ")");
        }
        InetSocketAddress bound = server.address();
        String shown = bound.getAddress().getHostAddress().contains(":") ? "[" + bound.getAddress().getHostAddress() + "]"
                : bound.getAddress().getHostAddress();
        out.println("tunebench serve: listening on http://" + shown + ":" + bound.getPort());
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            closeAll(served);
            stopped.countDown();
        }, "serve-stop"));
        stopped.await();
        return 0;
    }

    private void check() {
        if (batchSize < 1) {
            throw new InputException("--batch-size must be at least 1, got " + batchSize + ".");
        }
        if (queue < 0) {
            throw new InputException("--queue must be at least 0, got " + queue + ".");
        }
        if (threads < 0) {
            throw new InputException("--threads must be at least 0, got " + threads + ".");
        }
        if (port < 0 || port > 65535) {
            throw new InputException("--port must be 0..65535, got " + port + ".");
        }
        if (maxBodyBytes < 1) {
            throw new InputException("--max-body-bytes must be at least 1, got " + maxBodyBytes + ".");
        }
    }

    private InetAddress address() {
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            throw new InputException("--host " + host + " is not an address of this machine: " + e.getMessage()
                    + ". Use 127.0.0.1 (loopback), ::1 or 0.0.0.0 (every interface).");
        }
    }

    private ServedModel open(String modelSpec, List<ServedModel> before) {
        int eq = modelSpec.indexOf('=');
        boolean named = eq > 0 && !modelSpec.substring(0, eq).contains("/");
        Path dir = Path.of(named ? modelSpec.substring(eq + 1) : modelSpec);
        String id = named ? modelSpec.substring(0, eq)
                : dir.toAbsolutePath().normalize().getFileName() == null ? dir.toString()
                : dir.toAbsolutePath().normalize().getFileName().toString();
        Set<String> ids = new HashSet<>();
        before.forEach(m -> ids.add(m.id()));
        if (ids.contains(id)) {
            throw new InputException("Two --model folders would both be served as '" + id + "'. Give one another id "
                    + "with --model ID=DIR.");
        }
        Runner runner = RunnerFactories.find("onnx").open(dir, new RunnerSettings(device, threads, batchSize, graph.runnerOptions()));
        return ServedModel.start(id, runner, batchSize, queue);
    }

    private static void closeAll(List<ServedModel> served) {
        for (ServedModel m : served) {
            m.worker().close();
            m.runner().close();
        }
    }
}
