package dev.tunebench.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.data.DataSource;
import dev.tunebench.data.DatasetReader;
import dev.tunebench.data.Row;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.suite.Suite;
import dev.tunebench.suite.SuiteLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo suite, its data and models, as the benchmarks use them. The suite folder is
 * {@code suites/demo} under the working directory unless {@code -Dtunebench.demo=DIR} says otherwise.
 */
final class Demo {
    static final Path DIR = Path.of(System.getProperty("tunebench.demo", "suites/demo")).toAbsolutePath();

    static {
        // DJL reads these once, before its first class loads; the runner sets them too, but the
        // benchmarks touch DJL directly (tokenizer) and must never reach the network either.
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("DJL_OFFLINE", "true");
    }

    private Demo() {
    }

    static Path model(String id) {
        return DIR.resolve("models").resolve(id);
    }

    static Path testData() {
        return DIR.resolve("data/test.jsonl");
    }

    static Suite suite() {
        return SuiteLoader.load(DIR.resolve("triage.yaml"));
    }

    static List<Row> testRows(int count) {
        try (Stream<Row> rows = DatasetReader.open(DataSource.chat(testData()))) {
            return rows.limit(count).toList();
        }
    }

    /** One intra-op thread, like the raw loop: the comparison is about the loop, not threading. */
    static Runner open(Path modelDir, int batchSize) {
        return open(modelDir, 1, batchSize);
    }

    static Runner open(Path modelDir, int threads, int batchSize) {
        return RunnerFactories.find("onnx").open(modelDir, new RunnerSettings("cpu", threads, batchSize));
    }

    /**
     * A copy of a model folder whose only eos id is the pad token, which the demo models never
     * generate: the demo models stop after a handful of tokens, and a decode benchmark needs runs of a
     * known, longer length. The graph and weights are the same file contents.
     */
    static Path withoutEos(String id) {
        try {
            Path copy = Files.createTempDirectory("tunebench-noeos-");
            try (Stream<Path> files = Files.list(model(id))) {
                for (Path f : files.toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
            ObjectMapper json = new ObjectMapper();
            Path generation = copy.resolve("generation_config.json");
            ObjectNode config = (ObjectNode) json.readTree(generation.toFile());
            config.putArray("eos_token_id").add(config.get("pad_token_id").asInt());
            json.writeValue(generation.toFile(), config);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
