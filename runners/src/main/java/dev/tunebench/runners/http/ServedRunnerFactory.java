package dev.tunebench.runners.http;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.RunnerSettings;

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
    }

    @Override
    public Runner open(Path modelDir, RunnerSettings settings) {
        check(modelDir, settings);
        EndpointSettings s = SettingsReader.read(api, settings.options(), env);
        // The key is read here, once, and lives only in the client that sends it.
        String key = s.keyEnv() == null ? null : env.apply(s.keyEnv());
        ChatClient client = new ChatClient(s, key, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60),
                new java.util.Random()), line -> System.err.println("tunebench: " + line));
        return new HttpRunner(s, client);
    }
}
