package dev.tunebench.cli;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.tunebench.spi.RunnerOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which graph of a model folder to run, as a suite's {@code runner: {variant: ..., file: ...}} says it:
 * the same keys reach the ONNX runner, which checks them and names the flag in its errors.
 */
public final class GraphOptions {
    @Option(names = "--variant", paramLabel = "NAME",
            description = "Weight variant under onnx/: fp32 (default), fp16, q8 (quantized), int8, uint8, q4, q4f16, bnb4.")
    String variant;
    @Option(names = "--file", paramLabel = "PATH",
            description = "Graph file inside the model folder, e.g. onnx/decoder_model_merged.onnx.")
    String file;

    public RunnerOptions runnerOptions() {
        Map<String, RunnerOptions.Entry> entries = new LinkedHashMap<>();
        if (variant != null) {
            entries.put("variant", new RunnerOptions.Entry(TextNode.valueOf(variant), "--variant"));
        }
        if (file != null) {
            entries.put("file", new RunnerOptions.Entry(TextNode.valueOf(file), "--file"));
        }
        return entries.isEmpty() ? RunnerOptions.NONE : new RunnerOptions(entries, Path.of("").toAbsolutePath());
    }
}
