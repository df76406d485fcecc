package dev.tunebench.perf;

import dev.tunebench.run.RunOptions;
import dev.tunebench.run.Shard;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.suite.ModelSpec;
import dev.tunebench.suite.Suite;
import dev.tunebench.suite.SuiteLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A suite's perf section: defaults, per-scenario overrides, narrowing by the run, and explained mistakes. */
class PerfSectionTest {
    private static final Path DEMO = Path.of(System.getProperty("tunebench.root", "..")).toAbsolutePath().normalize()
            .resolve("suites/demo");

    @TempDir
    Path dir;

    private Suite suite(String perf) throws IOException {
        String yaml = "name: t\n"
                + "data: {eval: " + DEMO.resolve("data/test.jsonl") + "}\n"
                + "models:\n"
                + "  - {id: base, path: " + DEMO.resolve("models/base") + ", role: baseline}\n"
                + "  - {id: ckpt, path: " + DEMO.resolve("models/ckpt-epoch-4") + ", role: candidate}\n"
                + "generation: {max_new_tokens: 16}\n"
                + "seed: 77\n"
                + perf;
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, yaml);
        return SuiteLoader.load(file);
    }

    @Test
    void sectionDefaultsApplyAndEntriesOverrideThem() throws IOException {
        PerfPlan plan = PerfSection.parse(suite("perf:\n"
                + "  models: [ckpt]\n"
                + "  warmup: 4\n"
                + "  requests: 20\n"
                + "  slo: [\"ttft_ms<=200\"]\n"
                + "  scenarios:\n"
                + "    - single-stream\n"
                + "    - {scenario: offline, batch_sizes: [1, 8], trials: 2}\n"
                + "    - {scenario: server, rate: 50, concurrency: 2, duration_s: 3, max_new_tokens: 4}\n"));
        assertEquals(List.of("ckpt"), plan.models().stream().map(ModelSpec::id).toList());
        assertEquals("as-is", plan.technique().name());
        PerfSettings single = plan.scenarios().get(0).settings(GenerationSettings.greedy(16), 240);
        assertEquals(Budget.requests(4), single.warmup());
        assertEquals(Budget.requests(20), single.measure());
        assertEquals(3, single.trials());
        assertEquals(77, single.seed(), "the suite's seed by default");
        assertEquals("ttft_ms<=200", single.slos().get(0).toString());
        PerfSettings offline = plan.scenarios().get(1).settings(GenerationSettings.greedy(16), 240);
        assertEquals(List.of(1, 8), offline.batchSizes());
        assertEquals(2, offline.trials());
        PerfSettings server = plan.scenarios().get(2).settings(GenerationSettings.greedy(16), 240);
        assertEquals(Budget.seconds(3), server.measure());
        assertEquals(50.0, server.rate());
        assertEquals(2, server.concurrency());
        assertEquals(4, server.generation().maxNewTokens());
    }

    @Test
    void withoutRequestsTheWholeSetIsMeasuredAfterATimedWarmUp() throws IOException {
        PerfPlan plan = PerfSection.parse(suite("perf:\n  scenarios: [{scenario: server, concurrency: 12}]\n"));
        PerfSettings s = plan.scenarios().get(0).settings(GenerationSettings.greedy(16), 240);
        assertEquals(Budget.requests(240), s.measure());
        assertEquals(Budget.seconds(PerfDefaults.WARMUP_SECONDS), s.warmup());
        assertEquals(2, plan.models().size(), "every model by default");
    }

    @Test
    void theRunNarrowsModelsAndShardsSkipPerf() throws IOException {
        Suite suite = suite("perf:\n  scenarios: [single-stream]\n");
        assertEquals(List.of("base"), PerfSection.forRun(suite, new RunOptions(List.of("base"), List.of(), 0, Shard.ALL, false))
                .models().stream().map(ModelSpec::id).toList());
        assertNull(PerfSection.forRun(suite, new RunOptions(List.of(), List.of(), 0, Shard.parse("1/2"), false)));
        assertNull(PerfSection.forRun(suite(""), RunOptions.all()));
    }

    @Test
    void mistakesNameTheFieldAndTheFix() {
        InputException typo = assertThrows(InputException.class, () -> PerfSection.parse(suite(
                "perf:\n  scenarios: [{scenario: offline, batch_size: [1, 8]}]\n")));
        assertTrue(typo.getMessage().contains("perf.scenarios[0]"), typo.getMessage());
        assertTrue(typo.getMessage().contains("did you mean 'batch_sizes'"), typo.getMessage());
        InputException model = assertThrows(InputException.class, () -> PerfSection.parse(suite(
                "perf:\n  models: [ckpt-4]\n  scenarios: [single-stream]\n")));
        assertTrue(model.getMessage().contains("did you mean 'ckpt'"), model.getMessage());
        InputException misplaced = assertThrows(InputException.class, () -> PerfSection.parse(suite(
                "perf:\n  scenarios: [{scenario: single-stream, concurrency: 4}]\n")));
        assertTrue(misplaced.getMessage().contains("suite.yaml: perf.scenarios[0]: concurrency and rate apply to the "
                + "server scenario only"), misplaced.getMessage());
        InputException both = assertThrows(InputException.class, () -> PerfSection.parse(suite(
                "perf:\n  requests: 5\n  duration_s: 2\n  scenarios: [single-stream]\n")));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }
}
