package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a paid endpoint's refusals do to a run, through the real CLI: an exhausted quota stops the model at its
 * first answer (never retried), and requests that fail after their retries (each retry said on the progress line) are errors, counted in the cell's
 * error rate, which a gate can bound.
 */
class PaidFailuresTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anExhaustedQuotaStopsTheModelAtOnce(@TempDir Path tmp) throws Exception {
        try (RefusingEndpoint openai = new RefusingEndpoint(429, "{\"error\":{\"message\":\"You exceeded your current quota, please"
                + " check your plan and billing details.\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}")) {
            Path suite = ServedSuites.write(tmp, "  - {id: served, role: baseline, runner: {model: gpt-x, concurrency: 1, max_retries: 8}}\n",
                    "runner: {type: openai, base_url: \"" + openai.base() + "/v1\"}");
            Cli r = Cli.run("run", suite.toString(), "--limit", "6", "--techniques", "as-is", "--no-report", "--out",
                    tmp.resolve("run").toString());
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("quota is exhausted (429 insufficient_quota)"), r.err());
            assertTrue(r.err().contains("waiting will not help"), r.err());
            assertEquals(1, openai.keyHeaders.size(), "one request, no retries, no further rows");
            JsonNode summary = JSON.readTree(tmp.resolve("run/summary.json").toFile());
            assertFalse(summary.get("complete").asBoolean());
        }
    }

    @Test
    void failedRequestsAreAnErrorRateThatAGateBounds(@TempDir Path tmp) throws Exception {
        try (RefusingEndpoint down = new RefusingEndpoint(503, "{\"error\":{\"message\":\"overloaded\"}}")) {
            Path suite = ServedSuites.write(tmp, "  - {id: served, role: baseline, runner: {model: m, max_retries: 1}}\n",
                    "runner: {type: openai, base_url: \"" + down.base() + "/v1\"}");
            Files.writeString(suite, Files.readString(suite) + "\ngates:\n  - \"served/as-is error_rate <= 0.01\"\n");
            Path run = tmp.resolve("run");
            Cli r = Cli.run("run", suite.toString(), "--limit", "4", "--techniques", "as-is", "--no-report", "--out", run.toString());
            assertEquals(0, r.exitCode(), "errors are samples; the run is complete: " + r.err());
            // Each retry is said on the progress line (stderr without a terminal) with how many are in back-off.
            assertTrue(r.err().matches("(?s).*waiting: m at 127\\.0\\.0\\.1:\\d+: server answered 503; the server says: overloaded;"
                    + " retry 1/1 in \\d+ ms \\(\\d requests? in back-off\\).*"), r.err());
            assertTrue(r.out().contains("errors: 4 of 4 (error rate 100.0%); accuracy over the 0 answered rows"), r.out());
            JsonNode cell = JSON.readTree(run.resolve("summary.json").toFile()).get("results").get(0);
            assertEquals(4, cell.get("errors").asInt());
            assertEquals(1.0, cell.at("/metrics/error_rate/value").asDouble());
            assertEquals(4, cell.at("/metrics/error_rate/n").asInt());
            assertTrue(cell.at("/metrics/accuracy").isMissingNode(), "no answered row, so no accuracy: " + cell);
            Cli gate = Cli.run("gate", run.toString(), "--suite", suite.toString());
            assertEquals(1, gate.exitCode(), gate.out() + gate.err());
            assertTrue(gate.out().contains("error_rate"), gate.out());
        }
    }
}
