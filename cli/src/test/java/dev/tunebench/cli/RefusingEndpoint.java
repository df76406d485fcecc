package dev.tunebench.cli;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback endpoint that refuses every request with one status and OpenAI-style error body: the 401
 * and 404-deployment paths a real server cannot produce on demand. Records each request's key header.
 */
final class RefusingEndpoint implements AutoCloseable {
    private final HttpServer server;
    final List<String> keyHeaders = new CopyOnWriteArrayList<>();

    RefusingEndpoint(int status, String errorBody) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            keyHeaders.add(auth != null ? auth : String.valueOf(ex.getRequestHeaders().getFirst("api-key")));
            byte[] body = errorBody.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
