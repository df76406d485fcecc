package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven over the DevTools protocol (a WebSocket on 127.0.0.1, the JDK's own client):
 * open a page at a given viewport, run JavaScript in it, collect console errors and uncaught exceptions.
 * Also the one-shot command-line modes (--print-to-pdf, --screenshot). Tests skip when Chromium is absent.
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();
    private String session;

    static boolean present() {
        return Files.isExecutable(BINARY);
    }

    static String skipReason() {
        return "Chromium is not installed at " + BINARY + " (apt-get install -y chromium): the browser checks are skipped";
    }

    /** Starts Chromium with a fresh profile in {@code profile} and opens a blank page of {@code width} × {@code height}. */
    Chromium(Path profile, int width, int height) throws Exception {
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(FLAGS);
        command.addAll(List.of("--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank"));
        process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String endpoint = endpoint(process);
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(endpoint), new Listener())
                .get(60, TimeUnit.SECONDS);
        JsonNode target = send(null, "Target.createTarget", Map.of("url", "about:blank"));
        session = send(null, "Target.attachToTarget", Map.of("targetId", target.get("targetId").asText(),
                "flatten", true)).get("sessionId").asText();
        send("Runtime.enable", Map.of());
        send("Log.enable", Map.of());
        send("Page.enable", Map.of());
        send("Network.enable", Map.of());
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
    }

    /** Chromium prints its DevTools address on stderr once it listens; the rest of stderr is drained. */
    private static String endpoint(Process p) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            int at = line.indexOf("ws://");
            if (line.startsWith("DevTools listening on") && at >= 0) {
                Thread drain = new Thread(() -> err.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return line.substring(at).trim();
            }
        }
        throw new IllegalStateException("Chromium exited before listening for DevTools (exit " + p.waitFor() + ")");
    }

    /** Loads {@code file} and waits for its load event. */
    void open(Path file) throws Exception {
        CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
        awaited.put("Page.loadEventFired", loaded);
        send("Page.navigate", Map.of("url", file.toUri().toString()));
        loaded.get(120, TimeUnit.SECONDS);
    }

    /** The value of a JavaScript expression (a promise is awaited), as JSON. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("script failed: " + r.get("exceptionDetails"));
        }
        return r.get("result").path("value");
    }

    /** Console errors, uncaught exceptions, failed loads and requests other than file: and data: seen so far. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    private JsonNode send(String method, Map<String, Object> params) throws Exception {
        return send(session, method, params);
    }

    private JsonNode send(String sessionId, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(60, TimeUnit.SECONDS);
        JsonNode r = reply.get(120, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.path("result");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                handle(buffer.toString());
                buffer.setLength(0);
            }
            ws.request(1);
            return null;
        }

        private void handle(String text) {
            try {
                JsonNode m = JSON.readTree(text);
                if (m.has("id")) {
                    CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                    if (f != null) {
                        f.complete(m);
                    }
                    return;
                }
                String method = m.path("method").asText();
                JsonNode p = m.path("params");
                switch (method) {
                    case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
                    case "Runtime.consoleAPICalled" -> {
                        if (p.path("type").asText().equals("error")) {
                            errors.add("console.error: " + p.path("args"));
                        }
                    }
                    case "Network.requestWillBeSent" -> {
                        String url = p.path("request").path("url").asText();
                        if (!url.startsWith("file:") && !url.startsWith("data:") && !url.equals("about:blank")) {
                            errors.add("request: " + url);
                        }
                    }
                    case "Log.entryAdded" -> {
                        if (p.path("entry").path("level").asText().equals("error")) {
                            errors.add("log: " + p.path("entry"));
                        }
                    }
                    default -> {
                        CompletableFuture<JsonNode> f = awaited.remove(method);
                        if (f != null) {
                            f.complete(p);
                        }
                    }
                }
            } catch (Exception e) {
                errors.add("unreadable DevTools message: " + e.getMessage());
            }
        }
    }

    /** One Chromium run in a command-line mode (e.g. --print-to-pdf=FILE, --screenshot=FILE) on {@code page}. */
    static void oneShot(Path profile, Path page, String... mode) throws Exception {
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.addAll(List.of(mode));
        command.add(page.toUri().toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium " + String.join(" ", mode) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("chromium " + String.join(" ", mode) + " exited with " + p.exitValue());
        }
    }

    /** Pages of a PDF as Chromium writes it: one uncompressed {@code /Type /Page} dictionary per page. */
    static int pdfPages(Path pdf) throws Exception {
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        return (int) java.util.regex.Pattern.compile("/Type\\s*/Page(?![a-zA-Z])").matcher(text).results().count();
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // Chromium is stopped below either way.
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
