package dev.tunebench.cli.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's HTTP server in front of the served models: {@code POST /v1/chat/completions},
 * {@code GET /v1/models} (and {@code /v1/models/{id}}), {@code GET /health}; anything else is an
 * OpenAI-style 404 or 405. Exchanges run on a thread pool and only wait for their model's worker, so
 * admission is decided by the workers' bounded queues, not by the pool. Stopping refuses new requests
 * with 503, waits for those in flight, then closes (the JDK 17 server's own {@code stop(delay)} would
 * wait the whole delay even when idle).
 */
final class ServeServer implements AutoCloseable {
    /** How long a stop waits for requests in flight to finish. */
    private static final int STOP_GRACE_SECONDS = 30;

    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private final HttpServer http;
    private final ExecutorService pool;
    private int inFlight;
    private boolean stopping;

    ServeServer(List<ServedModel> served, InetSocketAddress address, long maxBodyBytes) throws IOException {
        for (ServedModel m : served) {
            models.put(m.id(), m);
        }
        // Without TCP_NODELAY each small SSE chunk or response waits ~40 ms for a delayed ACK (Nagle).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        http = HttpServer.create(address, 0);
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "serve-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        http.createContext(ChatHandler.PATH, tracked(new ChatHandler(models, maxBodyBytes)));
        http.createContext("/", tracked(this::handleOther));
        http.start();
    }

    InetSocketAddress address() {
        return http.getAddress();
    }

    private HttpHandler tracked(HttpHandler handler) {
        return ex -> {
            if (!enter()) {
                try (ex) {
                    Exchanges.sendError(ex, new ApiError(503, "server_error", null, null,
                            "The server is stopping; send the request to another instance or retry later."));
                }
                return;
            }
            try {
                handler.handle(ex);
            } finally {
                synchronized (this) {
                    inFlight--;
                    notifyAll();
                }
            }
        };
    }

    private synchronized boolean enter() {
        if (!stopping) {
            inFlight++;
        }
        return !stopping;
    }

    private void handleOther(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (ApiError e) {
                Exchanges.sendError(ex, e);
            }
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        boolean known = path.equals("/health") || path.equals("/v1/models") || path.startsWith("/v1/models/");
        if (!known) {
            throw Exchanges.unknownPath(ex);
        }
        if (!"GET".equals(ex.getRequestMethod())) {
            throw Exchanges.wrongMethod(ex, "GET");
        }
        if (path.equals("/health")) {
            Exchanges.sendJson(ex, 200, JsonNodeFactory.instance.objectNode().put("status", "ok"));
        } else if (path.equals("/v1/models")) {
            ObjectNode list = JsonNodeFactory.instance.objectNode();
            list.put("object", "list");
            ArrayNode data = list.putArray("data");
            models.values().forEach(m -> data.add(model(m)));
            Exchanges.sendJson(ex, 200, list);
        } else {
            String id = path.substring("/v1/models/".length());
            ServedModel m = models.get(id);
            if (m == null) {
                throw ApiError.unknownModel(id);
            }
            Exchanges.sendJson(ex, 200, model(m));
        }
    }

    private static ObjectNode model(ServedModel m) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", m.id());
        o.put("object", "model");
        o.put("created", m.created());
        o.put("owned_by", "tunebench");
        return o;
    }

    /** Refuses new requests, lets those in flight finish (up to a grace period), then stops. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + STOP_GRACE_SECONDS * 1_000_000_000L;
        synchronized (this) {
            stopping = true;
            for (long left = deadline - System.nanoTime(); inFlight > 0 && left > 0; left = deadline - System.nanoTime()) {
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        http.stop(0);
        for (ServedModel m : models.values()) {
            m.worker().close();
        }
        pool.shutdown();
    }
}
