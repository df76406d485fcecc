package dev.tunebench.runners.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Sends chat-completions requests to one endpoint, retrying what may succeed later. Thread-safe: one
 * JDK {@link HttpClient} (HTTP/2 over TLS where the server offers it) serves every request in flight.
 * The key is held here only and goes nowhere but its request header.
 */
final class ChatClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EndpointSettings settings;
    private final String key;
    private final HttpClient http;
    private final Backoff backoff;
    private final Consumer<String> log;
    private final ScheduledExecutorService deadlines;
    private final Rejections rejections;
    /** Until one request has got through, a refused connection means a wrong address, not an outage. */
    private final AtomicBoolean reached = new AtomicBoolean();
    private final RateLimiter limiter;
    /** Requests now waiting out a back-off, so a log line says how many are stalled, not just this one. */
    private final java.util.concurrent.atomic.AtomicInteger backingOff = new java.util.concurrent.atomic.AtomicInteger();
    /** Where waits are reported while a run is in progress (the progress line); the log until one is given. */
    private volatile Consumer<String> waits;

    ChatClient(EndpointSettings settings, String key, Backoff backoff, Consumer<String> log) {
        this(settings, key, backoff, new RateLimiter(0, 0, RateLimiter.SYSTEM), log);
    }

    ChatClient(EndpointSettings settings, String key, Backoff backoff, RateLimiter limiter, Consumer<String> log) {
        this.settings = settings;
        this.limiter = limiter;
        this.key = key;
        this.backoff = backoff;
        this.log = log;
        this.rejections = new Rejections(settings);
        this.http = HttpClient.newBuilder()
                // Cleartext HTTP/2 would need an upgrade dance that local servers mishandle; TLS negotiates it.
                .version("https".equals(settings.chatUrl().getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tunebench-http-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    /** One completion, after as many attempts as {@code max_retries} allows. */
    Completion complete(ObjectNode body) throws RequestFailure.Raised {
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        // What the endpoint's tokens-per-minute counts: the prompt (about 4 characters a token) and the most it may write.
        long tokens = body.path("messages").toString().length() / 4 + body.path(settings.maxTokensField()).asLong(0);
        for (int attempt = 0; ; attempt++) {
            RequestFailure failure;
            try {
                long waited = limiter.acquire(tokens);
                if (waited >= 1_000_000_000L) {
                    report(settings.name() + " at " + settings.host() + ": waited " + waited / 1_000_000 + " ms for the rate"
                            + " limit (rpm/tpm, or what the server's rate-limit headers said)");
                }
                Completion c = attempt(json);
                reached.set(true);
                limiter.settle(tokens, c.promptTokens() == null || c.completionTokens() == null ? -1
                        : c.promptTokens() + c.completionTokens());
                return c;
            } catch (RequestFailure.Raised raised) {
                failure = raised.failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
            if (failure instanceof RequestFailure.Reject) {
                throw new RequestFailure.Raised(failure);
            }
            RequestFailure.Retry retry = (RequestFailure.Retry) failure;
            if (attempt >= settings.maxRetries()) {
                throw new RequestFailure.Raised(new RequestFailure.Retry(retry.message() + " (gave up after "
                        + (attempt + 1) + " attempts; max_retries " + settings.maxRetries() + ")", null));
            }
            Duration wait = backoff.delay(attempt, retry.asked());
            int waiting = backingOff.incrementAndGet();
            report(settings.name() + " at " + settings.host() + ": " + retry.message() + "; retry "
                    + (attempt + 1) + "/" + settings.maxRetries() + " in " + wait.toMillis() + " ms (" + waiting
                    + (waiting == 1 ? " request" : " requests") + " in back-off)");
            try {
                sleep(wait);
            } finally {
                backingOff.decrementAndGet();
            }
        }
    }

    void reportWaitsTo(Consumer<String> status) {
        this.waits = status;
    }

    private void report(String line) {
        Consumer<String> w = waits;
        (w != null ? w : log).accept(line);
    }

    private Completion attempt(byte[] json) throws RequestFailure.Raised {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.chatUrl())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", settings.stream() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        settings.headers().forEach(request::header);
        if (key != null) {
            request.header(settings.api().keyHeader(), settings.api().keyValue(key));
        }
        long submit = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw retry("no answer within " + settings.timeout().toSeconds() + " s (timeout_s)", null);
        } catch (ConnectException e) {
            String what = "cannot connect to " + settings.chatUrl().getScheme() + "://" + settings.host();
            if (!reached.get()) {
                throw new RequestFailure.Raised(new RequestFailure.Reject(0, what + " (connection refused or unreachable)."
                        + " Start the server, or fix " + settings.whereIs(settings.api() == Api.OPENAI ? "base_url" : "endpoint")));
            }
            throw retry(what, null);
        } catch (IOException e) {
            throw retry("connection failed: " + ErrorBody.clean(String.valueOf(e.getMessage()), key), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            Duration asked = Backoff.asked(response.headers(), Instant.now());
            limiter.learn(response.headers(), status == 429 ? asked : null);
            if (status != 200) {
                byte[] bytes = body.readNBytes(64 * 1024);
                throw new RequestFailure.Raised(rejections.classify(status, ErrorBody.parse(bytes, key), asked));
            }
            return settings.stream() ? streamed(body, submit) : whole(body);
        } catch (IOException e) {
            throw retry("the answer broke off: " + ErrorBody.clean(String.valueOf(e.getMessage()), key), null);
        }
    }

    private Completion streamed(InputStream body, long submit) throws IOException, RequestFailure.Raised {
        ChunkCollector chunks = new ChunkCollector();
        AtomicBoolean late = new AtomicBoolean();
        long left = settings.timeout().toNanos() - (System.nanoTime() - submit);
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            late.set(true);
            try {
                body.close();
            } catch (IOException ignored) {
                // closing is all we want; the reader sees the stream end
            }
        }, Math.max(0, left), TimeUnit.NANOSECONDS);
        String[] bad = new String[1];
        boolean done;
        try {
            done = ServerEvents.read(body, data -> {
                if (bad[0] != null) {
                    return;
                }
                long now = System.nanoTime();
                try {
                    JsonNode chunk = MAPPER.readTree(data);
                    if (chunk.has("error")) {
                        bad[0] = "error event in the stream" + ErrorBody.parse(data.getBytes(java.nio.charset.StandardCharsets.UTF_8), key).says();
                    } else {
                        chunks.add(chunk, now);
                    }
                } catch (JsonProcessingException e) {
                    bad[0] = "malformed stream event (not JSON): " + ErrorBody.clean(data.length() > 80 ? data.substring(0, 80) : data, key);
                }
            });
        } catch (IOException e) {
            if (late.get()) {
                throw retry("no complete answer within " + settings.timeout().toSeconds() + " s (timeout_s)", null);
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
        if (bad[0] != null) {
            throw retry(bad[0], null);
        }
        if (late.get()) {
            throw retry("no complete answer within " + settings.timeout().toSeconds() + " s (timeout_s)", null);
        }
        if (!done) {
            throw retry("the stream ended before data: [DONE] (connection dropped)", null);
        }
        return chunks.finish(System.nanoTime());
    }

    private Completion whole(InputStream body) throws IOException, RequestFailure.Raised {
        byte[] bytes = body.readAllBytes();
        long now = System.nanoTime();
        try {
            return ChunkCollector.whole(MAPPER.readTree(bytes), now);
        } catch (JsonProcessingException e) {
            throw retry("malformed answer (not JSON)", null);
        }
    }

    private static RequestFailure.Raised retry(String message, Duration wait) {
        return new RequestFailure.Raised(new RequestFailure.Retry(message, wait));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }
}
