package dev.tunebench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.data.Suggestions;
import dev.tunebench.results.RunManifest;
import dev.tunebench.results.SampleReader;
import dev.tunebench.spi.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Writes one model's samples in the replay format, so runner type {@code replay} scores them again: with
 * other scorers, beside other models, or as a check that the figures come back the same.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Write one model's samples of a run as a replay file (runner type replay scores it again).")
final class SamplesExportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "Run folder.")
    Path runDir;
    @Option(names = "--model", required = true, paramLabel = "ID", description = "The model whose samples to write.")
    String model;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Replay file to write (.jsonl).")
    Path out;

    @Override
    public Integer call() {
        RunManifest manifest = RunFolder.readManifest(runDir);
        List<String> models = manifest.models().stream().map(RunManifest.ModelEntry::id).toList();
        if (!models.contains(model)) {
            throw new InputException("--model: the run in " + runDir + " has no model '" + model + "'."
                    + Suggestions.didYouMean(model, models) + " Models: " + models + ".");
        }
        int[] counts = new int[2];
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                SampleReader.forEach(runDir, s -> {
                    if (!s.model().equals(model)) {
                        return;
                    }
                    ObjectNode line = JSON.createObjectNode();
                    line.put("model", s.model());
                    line.put("technique", s.technique());
                    line.put("row_id", s.rowId());
                    line.put("repeat", s.repeat());
                    if (s.error() != null) {
                        line.put("error", s.error());
                        counts[1]++;
                    } else {
                        line.put("completion", s.completion());
                        putIfPresent(line, "prompt_tokens", s.promptTokens());
                        putIfPresent(line, "completion_tokens", s.completionTokens());
                        if (s.finishReason() != null) {
                            line.put("finish_reason", s.finishReason());
                        }
                        if (s.latencyMs() != null) {
                            line.put("latency_ms", s.latencyMs());
                        }
                    }
                    try {
                        w.write(line.toString());
                        w.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write " + out, e);
                    }
                    counts[0]++;
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        spec.commandLine().getOut().println("samples export: " + counts[0] + " samples of model " + model + " (" + counts[1]
                + " errors) to " + out + "; score them with runner: {type: replay, file: " + out.getFileName() + "}");
        return ExitCodes.OK;
    }

    private static void putIfPresent(ObjectNode line, String key, Integer value) {
        if (value != null) {
            line.put(key, value);
        }
    }
}
