package dev.tunebench.runners.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * A scripted loopback endpoint for the error paths a real server cannot produce on demand (401, 404
 * deployment, Retry-After values, dropped connections, malformed events). Each request takes the next
 * scripted answer; the last one repeats. Requests are recorded with their headers.
 */
final class StubEndpoint implements AutoCloseable {
    /** One scripted answer. */
    interface Answer {
        void send(HttpExchange exchange) throws IOException;
    }

    /** @param nanos {@link System#nanoTime()} when the request arrived (this JVM's clock, as the client's) */
    record Seen(String path, String query, Map<String, List<String>> headers, String body, long nanos) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Answer last;
    final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

    StubEndpoint(Answer... answers) throws IOException {
        script.addAll(List.of(answers));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            long arrived = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(exchange.getRequestURI().getPath(), exchange.getRequestURI().getQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body, arrived));
            Answer a = script.poll();
            if (a == null) {
                a = last;
            } else {
                last = a;
            }
            try {
                a.send(exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static Answer json(int status, String body, String... headers) {
        return ex -> {
            for (int i = 0; i < headers.length; i += 2) {
                ex.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        };
    }

    /** A 200 event stream of these raw lines (each followed by a newline). */
    static Answer events(String... lines) {
        return ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        };
    }

    /** A well-formed streamed answer of these text pieces, with usage, as the API documents it. */
    static Answer streamOf(String model, String... pieces) {
        List<String> lines = new ArrayList<>();
        lines.add("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"" + model
                + "\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
        lines.add("");
        for (String p : pieces) {
            lines.add("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"" + model
                    + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + p + "\"},\"finish_reason\":null}]}");
            lines.add("");
        }
        lines.add("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        lines.add("");
        lines.add("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"" + model
                + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":" + pieces.length + ",\"total_tokens\":" + (11 + pieces.length) + "}}");
        lines.add("");
        lines.add("data: [DONE]");
        lines.add("");
        return events(lines.toArray(String[]::new));
    }

    /** Headers sent, then the connection dropped without a body. */
    static Answer reset() {
        return ex -> {
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write("data: {\"choices\":[".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            // exchange.close() with fewer bytes than announced drops the connection
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
