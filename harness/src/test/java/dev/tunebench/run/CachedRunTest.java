package dev.tunebench.run;

import dev.tunebench.data.Row;
import dev.tunebench.results.Sample;
import dev.tunebench.results.SampleReader;
import dev.tunebench.results.SampleSink;
import dev.tunebench.scoring.Score;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RequestsFailed;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.ServedRunnerStub;
import dev.tunebench.spi.Timings;
import dev.tunebench.store.CompletionCache;
import dev.tunebench.store.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine with the completion cache on a real store: what is reused, what is sent again, how samples say so. */
class CachedRunTest {
    private static final List<Row> ROWS = IntStream.range(0, 6).mapToObj(i -> new Row(i, "t.jsonl:" + (i + 1),
            List.of(Message.user("q" + i), Message.assistant("a" + i)))).toList();

    /** Answers "a<row>" after a per-call latency; row 4 fails; counts what it was asked. */
    static final class Counting extends ServedRunnerStub {
        final List<String> asked = new ArrayList<>();
        final String identity;
        long latencyNanos;

        Counting(String identity, long latencyNanos) {
            this.identity = identity;
            this.latencyNanos = latencyNanos;
        }

        @Override
        public String render(Prompt prompt) {
            return prompt.messages().get(0).content();
        }

        @Override
        public Optional<String> cacheIdentity() {
            return Optional.ofNullable(identity);
        }

        @Override
        public List<Generation> generate(List<Prompt> prompts, GenerationSettings settings) {
            Generation[] out = new Generation[prompts.size()];
            String[] errors = new String[prompts.size()];
            boolean failed = false;
            for (int i = 0; i < prompts.size(); i++) {
                String q = render(prompts.get(i));
                asked.add(q);
                if (q.equals("q4")) {
                    errors[i] = "server answered 503";
                    failed = true;
                } else {
                    out[i] = new Generation(q, "a" + q.substring(1), new int[0], 4, 1, FinishReason.EOS,
                            new Timings(0, new long[]{latencyNanos / 2}, latencyNanos));
                }
            }
            if (failed) {
                throw new RequestsFailed(Arrays.asList(out), Arrays.asList(errors));
            }
            return List.of(out);
        }
    }

    private static final Scorer EXACT = new Scorer() {
        @Override
        public String name() {
            return "exact";
        }

        @Override
        public Score score(String answer, String expected) {
            return answer.equals(expected) ? Score.pass(answer) : Score.fail(answer, "differs");
        }
    };

    private static List<Sample> run(Path dir, Runner runner, CompletionCache cache, GenerationSettings generation)
            throws Exception {
        Files.createDirectories(dir);
        RunnerFactory factory = FixedRunner.factory("served", runner);
        RunPlan plan = new RunPlan(List.of(new RunPlan.Model("m", null, "served", new RunnerSettings("cpu", 1, 2),
                generation)), List.of(new RunPlan.Technique("plain", row -> Prompt.of(row.input()))),
                ROWS::stream, null, List.of(EXACT), "exact", null, 1, 0, Shard.ALL, Set.of());
        try (SampleSink sink = new SampleSink(dir)) {
            assertTrue(new RunEngine(plan, id -> factory, sink, new RunListener() {
            }, cache).run().complete());
        }
        List<Sample> samples = new ArrayList<>();
        SampleReader.forEach(dir, samples::add);
        return samples;
    }

    @Test
    void aSecondRunTakesCompletedRequestsFromTheCacheWithTheirOriginalTimings(@TempDir Path dir) throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("tunebench.db"), w -> { throw new AssertionError(w); })) {
            Counting first = new Counting("model-v1", 8_000_000);
            List<Sample> a = run(dir.resolve("run1"), first, store.completions(), GenerationSettings.greedy(4));
            assertEquals(List.of("q0", "q1", "q2", "q3", "q4", "q5"), first.asked);
            assertTrue(a.stream().noneMatch(Sample::fromCache));

            Counting second = new Counting("model-v1", 1_000_000);
            List<Sample> b = run(dir.resolve("run2"), second, store.completions(), GenerationSettings.greedy(4));
            assertEquals(List.of("q4"), second.asked, "only the failed request is sent again");
            assertEquals(6, b.size());
            for (Sample s : b) {
                if (s.row() == 4) {
                    assertNull(s.cached());
                    assertTrue(s.error().contains("503"));
                } else {
                    assertEquals(Boolean.TRUE, s.cached());
                    assertEquals(1.0, s.accuracy(), "scored again from the stored completion");
                    assertEquals(8.0, s.latencyMs(), 1e-9, "the timings of the request that made it");
                }
            }

            Counting refreshed = new Counting("model-v1", 1_000_000);
            List<Sample> c = run(dir.resolve("run3"), refreshed, store.completions().refreshing(), GenerationSettings.greedy(4));
            assertEquals(6, refreshed.asked.size(), "--refresh-cache sends every request");
            assertTrue(c.stream().noneMatch(Sample::fromCache));
            Counting afterRefresh = new Counting("model-v1", 1_000_000);
            List<Sample> d = run(dir.resolve("run4"), afterRefresh, store.completions(), GenerationSettings.greedy(4));
            assertEquals(1.0, d.stream().filter(s -> s.row() == 0).findFirst().orElseThrow().latencyMs(), 1e-9,
                    "the refreshed completions replaced the old ones");
        }
    }

    @Test
    void anotherModelOrOtherSettingsOrAnUncacheableRunnerMiss(@TempDir Path dir) throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("tunebench.db"), w -> { throw new AssertionError(w); })) {
            run(dir.resolve("r1"), new Counting("model-v1", 1), store.completions(), GenerationSettings.greedy(4));

            Counting otherModel = new Counting("model-v2", 1);
            run(dir.resolve("r2"), otherModel, store.completions(), GenerationSettings.greedy(4));
            assertEquals(6, otherModel.asked.size());

            Counting longer = new Counting("model-v1", 1);
            run(dir.resolve("r3"), longer, store.completions(), GenerationSettings.greedy(8));
            assertEquals(6, longer.asked.size());

            Counting sampled = new Counting("model-v1", 1);
            GenerationSettings seeded = GenerationSettings.greedy(4).withDecoding(new Decoding.Sampling(0.7, 1, 0, 7));
            run(dir.resolve("r4"), sampled, store.completions(), seeded);
            assertEquals(6, sampled.asked.size());
            Counting sameSeed = new Counting("model-v1", 1);
            run(dir.resolve("r5"), sameSeed, store.completions(), seeded);
            assertEquals(List.of("q4"), sameSeed.asked, "sampling with the same seed is cached");
            Counting otherSeed = new Counting("model-v1", 1);
            run(dir.resolve("r6"), otherSeed, store.completions(),
                    GenerationSettings.greedy(4).withDecoding(new Decoding.Sampling(0.7, 1, 0, 8)));
            assertEquals(6, otherSeed.asked.size());

            Counting uncacheable = new Counting(null, 1);
            run(dir.resolve("r7"), uncacheable, store.completions(), GenerationSettings.greedy(4));
            assertEquals(6, uncacheable.asked.size(), "a runner without a cache identity is never cached");
        }
    }
}
