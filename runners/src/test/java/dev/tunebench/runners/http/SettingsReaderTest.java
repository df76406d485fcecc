package dev.tunebench.runners.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.RunnerOptions;
import dev.tunebench.spi.RunnerSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", "sk-secret-value", "AZ_KEY", "az-secret");

    /** Options as the suite loader makes them: each key on its own line of suite.yaml, model 2. */
    static RunnerOptions suite(Object... kv) {
        Map<String, RunnerOptions.Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            entries.put((String) kv[i], new RunnerOptions.Entry(JSON.valueToTree(kv[i + 1]),
                    "suite.yaml:" + (20 + i / 2) + ": models[2].runner." + kv[i]));
        }
        return new RunnerOptions(entries, Path.of("."));
    }

    static String failure(Api api, RunnerOptions o) {
        return assertThrows(InputException.class, () -> SettingsReader.read(api, o, ENV::get)).getMessage();
    }

    @Test
    void openaiDefaults() {
        EndpointSettings s = SettingsReader.read(Api.OPENAI, suite("base_url", "http://127.0.0.1:8000/v1/", "model", "m"), ENV::get);
        assertEquals("http://127.0.0.1:8000/v1/chat/completions", s.chatUrl().toString());
        assertEquals("127.0.0.1:8000", s.host());
        assertEquals(4, s.concurrency());
        assertEquals(120, s.timeout().toSeconds());
        assertTrue(s.stream());
        assertFalse(s.continueFinalMessage());
        assertNull(s.keyEnv());
        assertEquals("max_tokens", s.maxTokensField());
    }

    @Test
    void azureBuildsTheDeploymentPath() {
        EndpointSettings s = SettingsReader.read(Api.AZURE, suite("endpoint", "https://res.openai.azure.com/",
                "deployment", "ft epoch 4", "api_version", "2024-10-21", "api_key_env", "AZ_KEY", "concurrency", 8), ENV::get);
        assertEquals("https://res.openai.azure.com/openai/deployments/ft%20epoch%204/chat/completions?api-version=2024-10-21",
                s.chatUrl().toString());
        assertNull(s.model());
        assertEquals(8, s.concurrency());
    }

    @Test
    void anUnknownKeyIsNamedWithItsLineAndTheClosestKey() {
        String m = failure(Api.OPENAI, suite("base_url", "http://h/v1", "model", "m", "concurency", 3));
        assertTrue(m.startsWith("suite.yaml:22: models[2].runner.concurency: unknown key"), m);
        assertTrue(m.contains("did you mean 'concurrency'"), m);
    }

    @Test
    void aMissingModelIsPlacedBesideItsSiblings() {
        String m = failure(Api.OPENAI, suite("base_url", "http://h/v1"));
        assertTrue(m.startsWith("suite.yaml:20: models[2].runner.model: missing;"), m);
        assertTrue(m.contains("GET BASE_URL/models"), m);
    }

    @Test
    void anUnsetKeyVariableIsAnErrorThatNeverShowsAKey() {
        String m = failure(Api.OPENAI, suite("base_url", "http://h/v1", "model", "m", "api_key_env", "NOT_SET_ANYWHERE"));
        assertTrue(m.startsWith("suite.yaml:22: models[2].runner.api_key_env: the environment variable NOT_SET_ANYWHERE is not set"), m);
        String given = failure(Api.OPENAI, suite("base_url", "http://h/v1", "model", "m", "api_key_env", "sk-abc123-the-key"));
        assertTrue(given.contains("NAME of an environment variable"), given);
    }

    @Test
    void keysDoNotGoInHeadersOrUrls() {
        assertTrue(failure(Api.OPENAI, suite("base_url", "http://h/v1", "model", "m", "headers", Map.of("Authorization", "Bearer x")))
                .contains("keys never go in a suite file"));
        assertTrue(failure(Api.OPENAI, suite("base_url", "http://u:p@h/v1", "model", "m")).contains("no user, password or query"));
        assertTrue(failure(Api.OPENAI, suite("base_url", "http://h/v1/chat/completions", "model", "m"))
                .contains("without /chat/completions"));
        assertTrue(failure(Api.OPENAI, suite("base_url", "h:8000", "model", "m")).contains("http:// or https://"));
    }

    @Test
    void azureNeedsVersionAndKeyAndHasNoPriming() {
        assertTrue(failure(Api.AZURE, suite("endpoint", "https://r.openai.azure.com", "deployment", "d", "api_key_env", "AZ_KEY"))
                .contains("models[2].runner.api_version: missing"));
        assertTrue(failure(Api.AZURE, suite("endpoint", "https://r.openai.azure.com", "deployment", "d", "api_version", "v"))
                .contains("api_key_env: missing"));
        assertTrue(failure(Api.AZURE, suite("endpoint", "https://r.openai.azure.com", "deployment", "d", "api_version", "v",
                "api_key_env", "AZ_KEY", "continue_final_message", true)).contains("unknown key 'continue_final_message'"));
    }

    @Test
    void theFactoryTakesNoFolder() {
        OpenAiRunnerFactory f = new OpenAiRunnerFactory(ENV::get);
        assertFalse(f.needsModelFolder());
        RunnerSettings s = new RunnerSettings("cpu", 1, 1, suite("base_url", "http://h/v1", "model", "m"));
        f.check(null, s);
        assertTrue(assertThrows(InputException.class, () -> f.check(Path.of("models/x"), s)).getMessage().contains("remove its path:"));
    }
}
