package dev.tunebench.runners.http;

import dev.tunebench.runners.onnx.LocalTokenizer;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.RunnerSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** What the two served-model factories share: no folder, settings from the runner map, the key from the environment. */
abstract class ServedRunnerFactory implements RunnerFactory {
    private final Api api;
    private final UnaryOperator<String> env;

    ServedRunnerFactory(Api api, UnaryOperator<String> env) {
        this.api = api;
        this.env = env;
    }

    @Override
    public String id() {
        return api.id;
    }

    @Override
    public boolean needsModelFolder() {
        return false;
    }

    @Override
    public void check(Path modelDir, RunnerSettings settings) {
        if (modelDir != null) {
            throw new InputException("runner type " + api.id + " talks to a server, so the model has no folder: remove its "
                    + "path:/glob: and give it an id:.");
        }
        SettingsReader.read(api, settings.options(), env);
        tokenizerFolder(settings);
    }

    @Override
    public void checkPrompt(String technique, Prompt prompt, GenerationSettings generation) {
        int stops = RequestBody.stops(prompt, generation).size();
        if (stops > RequestBody.MAX_STOPS) {
            throw new InputException("technique '" + technique + "' gives " + stops + " stop strings (its own and the "
                    + "generation's), and the Chat Completions API takes at most " + RequestBody.MAX_STOPS
                    + ". Keep " + RequestBody.MAX_STOPS + " or fewer, or leave this technique out for the served model (--techniques).");
        }
    }

    /** The {@code tokenizer:} folder, checked: it must hold the model's tokenizer.json. */
    private static Path tokenizerFolder(RunnerSettings settings) {
        Path dir = settings.options().path("tokenizer").orElse(null);
        if (dir != null && !Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            throw settings.options().error("tokenizer", dir + " holds no tokenizer.json; name a folder with the served "
                    + "model's tokenizer.json and tokenizer_config.json (its chat template), e.g. the model's hub folder.");
        }
        return dir;
    }

    @Override
    public Runner open(Path modelDir, RunnerSettings settings) {
        check(modelDir, settings);
        EndpointSettings s = SettingsReader.read(api, settings.options(), env);
        // The key is read here, once, and lives only in the client that sends it.
        String key = s.keyEnv() == null ? null : env.apply(s.keyEnv());
        ChatClient client = new ChatClient(s, key, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60),
                new java.util.Random()), SettingsReader.limiter(settings.options()), line -> System.err.println("tunebench: " + line));
        Path tokenizer = tokenizerFolder(settings);
        return new HttpRunner(s, client, tokenizer == null ? null : LocalTokenizer.open(tokenizer));
    }
}
