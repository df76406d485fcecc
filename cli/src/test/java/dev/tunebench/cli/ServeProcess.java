package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tunebench serve} as a real process (this JVM's class path, {@code Main}), on a free loopback
 * port that it reports on its "listening on" line; plus the HTTP calls tests make to it.
 */
final class ServeProcess implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("tunebench serve: listening on (http://\\S+)");

    final Process process;
    final URI base;
    final Path stderr;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ServeProcess(Process process, URI base, Path stderr) {
        this.process = process;
        this.base = base;
        this.stderr = stderr;
    }

    static ServeProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.tunebench.cli.Main", "serve", "--port", "0"));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("tunebench-serve", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().putIfAbsent("OPT_OUT_TRACKING", "true");
        builder.environment().putIfAbsent("DJL_OFFLINE", "true");
        builder.environment().putIfAbsent("ORT_DISABLE_TELEMETRY", "1");
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = LISTENING.matcher(line);
            if (m.matches()) {
                // Keep draining stdout so the server never blocks on a full pipe.
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "serve-stdout");
                drain.setDaemon(true);
                drain.start();
                return new ServeProcess(process, URI.create(m.group(1)), stderr);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("tunebench serve ended before listening: " + Files.readString(stderr));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return client.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /** SIGTERM, as a service manager stops it; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("tunebench serve did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
        Files.deleteIfExists(stderr);
    }
}
