package dev.tunebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad settings of served models through the real CLI: exit 2, the suite line and the fix; the key never shows. */
class ServedModelSettingsTest {
    private static final String FAKE_KEY = "sk-tunebench-FAKE-7f3a9c1e5b2d";

    private static Cli runLimited(Path suite, Path tmp) {
        return Cli.run("run", suite.toString(), "--limit", "2", "--techniques", "as-is", "--out", tmp.resolve("run").toString());
    }

    @Test
    void benchAgainstAnEndpointNobodyListensOnIsAnInputError() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Cli r = Cli.run("bench", "--endpoint", "http://127.0.0.1:" + closed + "/v1", "--model", "m", "--data",
                Cli.demo().resolve("data/test.jsonl").toString(), "--requests", "2", "--warmup", "1", "--trials", "1");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("cannot connect to http://127.0.0.1:" + closed), r.err());
    }

    @Test
    void theServedDemoSuiteIsValidWithoutAServer() {
        Cli r = Cli.run("validate", Cli.demo().resolve("served.yaml").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("model ckpt-epoch-4 (candidate, openai)"), r.out());
    }

    @Test
    void moreStopStringsThanTheApiTakesStopBeforeAnyWorkNamingTheTechnique(@TempDir Path tmp) throws Exception {
        Path suite = ServedSuites.write(tmp, "  - {id: served, role: baseline}\n",
                "runner: {type: openai, base_url: \"http://127.0.0.1:9/v1\", model: m}");
        Files.writeString(suite, Files.readString(suite).replace("techniques:\n", """
                techniques:
                  - name: many-stops
                    transforms: [{stop: ["a", "b", "c", "d", "e"]}]
                """));
        for (String[] args : new String[][]{{"validate", suite.toString()},
                {"run", suite.toString(), "--limit", "2", "--out", tmp.resolve("run").toString()}}) {
            Cli r = Cli.run(args);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("model 'served': technique 'many-stops' gives 5 stop strings"), r.err());
            assertFalse(Files.exists(tmp.resolve("run/samples.jsonl")), "nothing ran");
        }
    }

    @Test
    void anUnknownKeyAndAMissingModelStopBeforeAnyWork(@TempDir Path tmp) throws Exception {
        Path suite = ServedSuites.write(tmp, "  - {id: served, role: baseline, runner: {base_url: \"http://127.0.0.1:9/v1\", modle: m}}\n",
                "runner: {type: openai}");
        Cli r = runLimited(suite, tmp);
        assertEquals(2, r.exitCode(), r.err());
        int line = ServedSuites.lineOf(suite, "modle");
        assertTrue(r.err().contains(suite + ":" + line + ": models[0].runner.modle: unknown key 'modle' for runner type openai"
                + " (did you mean 'model'?)"), r.err());
        assertFalse(Files.exists(tmp.resolve("run/samples.jsonl")));

        Path noModel = ServedSuites.write(tmp.resolve("b"), "  - {id: served, role: baseline, runner: {base_url: \"http://127.0.0.1:9/v1\"}}\n",
                "runner: {type: openai}");
        Cli v = Cli.run("validate", noModel.toString());
        assertEquals(2, v.exitCode(), v.err());
        assertTrue(v.err().contains("models[0].runner.model: missing; the model name the server knows"), v.err());
    }

    @Test
    void anUnsetKeyVariableStopsBeforeAnyWork(@TempDir Path tmp) throws Exception {
        Path suite = ServedSuites.write(tmp, "  - {id: served, role: baseline}\n",
                "runner: {type: openai, base_url: \"http://127.0.0.1:9/v1\", model: m, api_key_env: TUNEBENCH_TEST_UNSET_KEY}");
        Cli r = runLimited(suite, tmp);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(suite + ":" + ServedSuites.lineOf(suite, "api_key_env")
                + ": runner.api_key_env: the environment variable TUNEBENCH_TEST_UNSET_KEY is not set"), r.err());
    }

    @Test
    void anUnreachableHostNamesTheBaseUrlLine(@TempDir Path tmp) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path suite = ServedSuites.write(tmp, "  - {id: served, role: baseline}\n",
                "runner: {type: openai, base_url: \"http://127.0.0.1:" + closed + "/v1\", model: m, max_retries: 1}");
        Cli r = runLimited(suite, tmp);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("cannot connect to http://127.0.0.1:" + closed), r.err());
        assertTrue(r.err().contains("Start the server, or fix " + suite + ":" + ServedSuites.lineOf(suite, "base_url")
                + ": runner.base_url"), r.err());
    }

    @Test
    void anUnknownAzureDeploymentSaysWhatToCheck(@TempDir Path tmp) throws Exception {
        try (RefusingEndpoint azure = new RefusingEndpoint(404,
                "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}")) {
            Path suite = ServedSuites.write(tmp, "  - id: ft\n    role: baseline\n    runner:\n      endpoint: \"" + azure.base()
                    + "\"\n      deployment: ft-epoch-9\n      api_version: \"2024-10-21\"\n      api_key_env: PATH\n",
                    "runner: {type: azure}");
            Cli r = runLimited(suite, tmp);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("has no deployment 'ft-epoch-9' for api-version 2024-10-21 (404 Not Found)"), r.err());
            assertTrue(r.err().contains("Check the deployment name (" + suite + ":" + ServedSuites.lineOf(suite, "deployment:")
                    + ": models[0].runner.deployment"), r.err());
        }
    }

    /**
     * A fake key in the environment, a server that refuses it and echoes it back: the key reaches the server
     * and nothing else, no file of the run folder, no output, not even --verbose.
     */
    @Test
    void aRefusedKeyExitsTwoAndTheKeyIsWrittenNowhere(@TempDir Path tmp) throws Exception {
        try (RefusingEndpoint openai = new RefusingEndpoint(401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                + FAKE_KEY + ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")) {
            Path suite = ServedSuites.write(tmp, "  - {id: served, role: baseline}\n",
                    "runner: {type: openai, base_url: \"" + openai.base() + "/v1\", model: m, api_key_env: TB_FAKE_KEY}");
            Path runDir = tmp.resolve("run");
            JavaProcess p = JavaProcess.start(tmp.resolve("logs"), Map.of("TB_FAKE_KEY", FAKE_KEY), "run", suite.toString(),
                    "--limit", "2", "--out", runDir.toString(), "--verbose");
            assertEquals(2, p.waitFor(120), p.stderr());
            assertEquals(List.of("Bearer " + FAKE_KEY), openai.keyHeaders.subList(0, 1), "the key was sent");
            assertTrue(p.stderr().contains("refused the key (401 Unauthorized). Put a valid key for this endpoint in the"
                    + " environment variable TB_FAKE_KEY"), p.stderr());
            assertFalse(p.stdout().contains(FAKE_KEY) || p.stderr().contains(FAKE_KEY), "key in the output");
            try (Stream<Path> files = Files.walk(runDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(f).contains(FAKE_KEY), "key in " + f);
                }
            }
            assertTrue(Files.exists(runDir.resolve("manifest.json")));
        }
    }
}
