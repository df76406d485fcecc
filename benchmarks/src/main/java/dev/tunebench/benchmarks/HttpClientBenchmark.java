package dev.tunebench.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.tunebench.runners.http.OpenAiRunnerFactory;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerOptions;
import dev.tunebench.spi.RunnerSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP runner's own cost per request, side by side in one run: a bare JDK HttpClient POST that reads
 * the whole event stream (the floor any client pays) against the same request through the openai runner
 * (body building, SSE parsing, timings, usage). Target {@code trivial}: an in-process endpoint that answers
 * a canned 8-chunk stream at once, so the difference is the client's. Target {@code serve}: a running
 * {@code tunebench serve} at {@code -Dtunebench.serve=http://127.0.0.1:PORT/v1} with model
 * {@code -Dtunebench.serve.model=NAME}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HttpClientBenchmark {
    private static final String CHUNK = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":"
            + "[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"finish_reason\":null}]}\n\n";

    @Param({"trivial", "serve"})
    public String target;

    private HttpServer server;
    private HttpClient raw;
    private HttpRequest request;
    private Runner runner;
    private List<Prompt> prompt;
    private GenerationSettings greedy;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String base;
        String model;
        if (target.equals("serve")) {
            base = System.getProperty("tunebench.serve");
            model = System.getProperty("tunebench.serve.model", "ckpt-epoch-4");
            if (base == null) {
                throw new IllegalStateException("target serve needs -Dtunebench.serve=http://127.0.0.1:PORT/v1"
                        + " (or -p target=trivial)");
            }
        } else {
            server = trivialEndpoint();
            base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
            model = "m";
        }
        List<Message> messages = List.of(Message.system("Classify the customer's message. Answer with JSON."),
                Message.user("My parcel has not arrived yet, where is it?"));
        prompt = List.of(Prompt.of(messages));
        greedy = GenerationSettings.greedy(32);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("base_url", base);
        options.put("model", model);
        options.put("concurrency", 1);
        runner = new OpenAiRunnerFactory().open(null, new RunnerSettings("cpu", 1, 1, RunnerOptions.of(options, "benchmark")));
        raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"Classify the customer's message."
                + " Answer with JSON.\"},{\"role\":\"user\",\"content\":\"My parcel has not arrived yet, where is it?\"}],"
                + "\"max_tokens\":32,\"temperature\":0,\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
        request = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runner.close();
        if (server != null) {
            server.stop(0);
        }
    }

    /** The floor: send the request, read the stream to its end, no parsing. */
    @Benchmark
    public long rawJdkClient() throws IOException, InterruptedException {
        try (InputStream in = raw.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** The same request through the openai runner: what a sample costs on the client side. */
    @Benchmark
    public Generation throughRunner() {
        return runner.generate(prompt, greedy).get(0);
    }

    /** Answers every POST at once with the shape of a streamed demo answer: role chunk, 6 text chunks, stop, usage. */
    private static HttpServer trivialEndpoint() throws IOException {
        StringBuilder sse = new StringBuilder();
        sse.append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        for (String piece : List.of("{\\\"", "intent", "\\\":", " \\\"", "delivery", "\\\"}")) {
            sse.append(String.format(CHUNK, piece));
        }
        sse.append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        sse.append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":38,\"completion_tokens\":6,\"total_tokens\":44}}\n\n");
        sse.append("data: [DONE]\n\n");
        byte[] answer = sse.toString().getBytes(StandardCharsets.UTF_8);
        // Without it the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        s.setExecutor(Executors.newFixedThreadPool(2));
        s.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        s.start();
        return s;
    }
}
