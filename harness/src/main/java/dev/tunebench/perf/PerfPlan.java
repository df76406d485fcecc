package dev.tunebench.perf;

import dev.tunebench.data.DataSource;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.suite.ModelSpec;
import dev.tunebench.technique.Technique;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a suite's perf section asks for: each model × scenario, prompts made by one technique from the
 * evaluation set. Run after quality; writes perf.jsonl and perf.json into the run folder.
 */
public record PerfPlan(DataSource eval, List<ModelSpec> models, Technique technique, List<Entry> scenarios) {

    public PerfPlan {
        models = List.copyOf(models);
        scenarios = List.copyOf(scenarios);
    }

    /** One scenario of the section with the section's defaults applied; {@code measure} null = the whole set. */
    public record Entry(Scenario scenario, List<Integer> batchSizes, int concurrency, Double rate, Budget warmup,
                        Budget measure, int trials, Integer maxNewTokens, List<Slo> slos, long seed, String where,
                        List<Integer> workers) {
        public Entry {
            batchSizes = List.copyOf(batchSizes);
            workers = List.copyOf(workers);
            slos = List.copyOf(slos);
        }

        /** The settings for a model generating with {@code generation}, over a data set of {@code rows}. */
        public PerfSettings settings(GenerationSettings generation, int rows) {
            GenerationSettings g = maxNewTokens == null ? generation
                    : new GenerationSettings(maxNewTokens, generation.decoding(), generation.stopStrings());
            try {
                return new PerfSettings(scenario, batchSizes, concurrency, rate, warmup,
                        measure != null ? measure : Budget.requests(rows), trials, g, slos, seed, workers);
            } catch (InputException e) {
                throw new InputException(where + ": " + e.getMessage(), e);
            }
        }
    }

    /** Only the models among {@code ids} (all when empty), as `run --models` narrows the quality run. */
    public PerfPlan onlyModels(List<String> ids) {
        return ids.isEmpty() ? this
                : new PerfPlan(eval, models.stream().filter(m -> ids.contains(m.id())).toList(), technique, scenarios);
    }

    /** Measures every model × scenario; a resumed run measures again from scratch. */
    public List<PerfBlock> run(Path runDir, PrintWriter log) {
        try {
            Files.deleteIfExists(runDir.resolve(PerfFiles.REQUESTS_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Workload workload = Workload.read(eval, technique::apply);
        PerfRunner.TrialSink sink = PerfFiles.requestLog(runDir);
        List<PerfBlock> blocks = new ArrayList<>();
        for (ModelSpec model : models) {
            PerfRunner runner = new PerfRunner(s -> RunnerFactories.find(model.runnerType()).open(model.folder().orElse(null), s),
                    model.runner(), Ticker.SYSTEM, sink);
            for (Entry entry : scenarios) {
                log.println("perf: " + model.id() + " " + entry.scenario().wireName() + " ...");
                log.flush();
                blocks.addAll(runner.run(model.id(), workload, entry.settings(model.generation(), workload.size())));
            }
        }
        PerfFiles.writeBlocks(runDir, blocks);
        return blocks;
    }
}
