package dev.tunebench.runners.http;

import dev.tunebench.runners.onnx.LocalTokenizer;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.LocalCounts;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RequestsFailed;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerInfo;
import dev.tunebench.spi.TeacherForcedScore;
import dev.tunebench.spi.Timings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A model served over the Chat Completions API. Up to {@code concurrency} requests are in flight; results
 * come back in prompt order. A request that still fails after its retries becomes an error sample
 * ({@link RequestsFailed}); a rejection (bad key, unknown model or deployment) stops the model with
 * {@link EndpointRejected}. Validation loss is not available: a chat API scores no given text.
 */
final class HttpRunner implements Runner {
    private final EndpointSettings settings;
    private final ChatClient client;
    private final RequestBody bodies;
    private final ExecutorService pool;
    private final ServedModel served = new ServedModel();
    private final LocalTokenizer local;

    HttpRunner(EndpointSettings settings, ChatClient client) {
        this(settings, client, null);
    }

    /** @param local the suite's {@code tokenizer:} folder, opened, to count tokens here too; or null */
    HttpRunner(EndpointSettings settings, ChatClient client, LocalTokenizer local) {
        this.settings = settings;
        this.client = client;
        this.local = local;
        this.bodies = new RequestBody(settings);
        this.pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "tunebench-http-" + settings.name());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public RunnerInfo info() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("endpoint_host", settings.host());
        details.put(settings.api().modelSetting(), settings.name());
        if (settings.apiVersion() != null) {
            details.put("api_version", settings.apiVersion());
        }
        details.put("stream", settings.stream());
        details.put("concurrency", settings.concurrency());
        served.addTo(details);
        return new RunnerInfo(settings.api().id, Map.of("java.net.http", Runtime.version().toString()), "remote", 0,
                Map.of(), details);
    }

    /**
     * The endpoint, model or deployment, API version and what else shapes the request body; never the key.
     * The server's weights are out of sight, so a model redeployed under the same name keeps its cache
     * ({@code --refresh-cache} after a redeploy).
     */
    @Override
    public Optional<String> cacheIdentity() {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("api", settings.api().id);
        id.put("url", settings.chatUrl().toString());
        id.put("model", settings.model());
        id.put("name", settings.name());
        id.put("api_version", settings.apiVersion());
        id.put("headers", new java.util.TreeMap<>(settings.headers()));
        id.put("continue_final_message", settings.continueFinalMessage());
        id.put("max_tokens_field", settings.maxTokensField());
        return Optional.of(id.toString());
    }

    /** The request's messages as JSON: a served model's template is the server's, so this is what we know. */
    @Override
    public String render(Prompt prompt) {
        return bodies.messages(prompt).toString();
    }

    @Override
    public int countPromptTokens(Prompt prompt) {
        if (local != null) {
            return local.promptTokens(prompt);
        }
        throw new UnsupportedOperationException("a served model counts its tokens on the server: the answer's usage"
                + " gives them (or set tokenizer: to a folder with the model's tokenizer to count here)");
    }

    @Override
    public Optional<String> unsupported(Prompt prompt, GenerationSettings generation) {
        return bodies.unsupported(prompt, generation);
    }

    @Override
    public void reportWaitsTo(java.util.function.Consumer<String> status) {
        client.reportWaitsTo(status);
    }

    @Override
    public int minBatchSize() {
        return settings.concurrency();
    }

    @Override
    public boolean teacherForcing() {
        return false;
    }

    /** The request carries the schema as response_format: json_schema. */
    @Override
    public boolean structuredOutput() {
        return true;
    }

    @Override
    public List<Generation> generate(List<Prompt> prompts, GenerationSettings generation) {
        List<Future<Generation>> futures = new ArrayList<>(prompts.size());
        // Set by the request the endpoint refused for good (quota, key): requests still queued are not sent,
        // even those a free pool thread would pick up before this thread cancels them.
        AtomicBoolean refused = new AtomicBoolean();
        for (Prompt p : prompts) {
            futures.add(pool.submit(() -> {
                if (refused.get()) {
                    throw new CancellationException("not sent: the endpoint refused an earlier request");
                }
                try {
                    return one(p, generation);
                } catch (RequestFailure.Raised raised) {
                    if (!(raised.failure instanceof RequestFailure.Retry)) {
                        refused.set(true);
                    }
                    throw raised;
                }
            }));
        }
        Generation[] out = new Generation[prompts.size()];
        String[] errors = new String[prompts.size()];
        boolean failed = false;
        for (int i = 0; i < futures.size(); i++) {
            try {
                out[i] = withLocalCounts(prompts.get(i), futures.get(i).get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RequestFailure.Raised raised && raised.failure instanceof RequestFailure.Retry) {
                    errors[i] = raised.getMessage();
                    failed = true;
                    continue;
                }
                futures.forEach(f -> f.cancel(true));
                if (cause instanceof RequestFailure.Raised raised) {
                    throw new EndpointRejected(raised.getMessage());
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(cause);
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + settings.host(), e);
            }
        }
        if (failed) {
            throw new RequestsFailed(Arrays.asList(out), Arrays.asList(errors));
        }
        return List.of(out);
    }

    /** Counted here, on the caller's thread, so the tokenizer and template are never shared between requests. */
    private Generation withLocalCounts(Prompt prompt, Generation g) {
        return local == null ? g : g.withLocalCounts(new LocalCounts(local.promptTokens(prompt), local.textTokens(g.text())));
    }

    private Generation one(Prompt prompt, GenerationSettings generation) throws RequestFailure.Raised {
        long submit = System.nanoTime();
        Completion c = client.complete(bodies.build(prompt, generation));
        served.saw(c);
        return new Generation(render(prompt), c.text(), new int[0],
                c.promptTokens() == null ? 0 : c.promptTokens(),
                c.completionTokens() == null ? c.contentNanos().length : c.completionTokens(),
                ChatAnswer.finishReason(c.finishReason()), new Timings(submit, c.contentNanos(), c.endNanos()), c.toolCalls(),
                null, null, c.reasoning());
    }

    @Override
    public List<Generation> generateFromIds(List<int[]> promptIds, GenerationSettings settings) {
        throw new UnsupportedOperationException("a served chat model takes messages, not token ids");
    }

    @Override
    public List<TeacherForcedScore> score(List<List<Message>> conversations) {
        throw new UnsupportedOperationException("a chat API gives no log-probabilities of given text, so no validation loss");
    }

    @Override
    public void close() {
        pool.shutdownNow();
        client.close();
        if (local != null) {
            local.close();
        }
    }
}
