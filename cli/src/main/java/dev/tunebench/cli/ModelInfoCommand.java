package dev.tunebench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerInfo;
import dev.tunebench.spi.RunnerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** Prints what tunebench discovered about a model folder. */
@Command(name = "model-info", mixinStandardHelpOptions = true,
        header = "Print a model folder's discovered contract: inputs, outputs, layers, heads, vocab, eos ids, template.")
final class ModelInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    GraphOptions graph;

    @Parameters(index = "0", paramLabel = "DIR", description = "Model folder.")
    Path model;
    @Option(names = "--json", description = "Print as JSON.")
    boolean json;
    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "onnx",
            description = "Runner type of the folder: onnx (a causal LM, the default) or onnx-classifier.")
    String type;

    @Override
    public Integer call() throws Exception {
        try (Runner runner = RunnerFactories.find(type).open(model, RunnerSettings.cpu().withOptions(graph.runnerOptions()))) {
            RunnerInfo info = runner.info();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(info));
                return ExitCodes.OK;
            }
            out.println("model: " + model);
            out.println("runner: " + info.runnerId() + " " + info.versions());
            for (Map.Entry<String, Object> e : info.details().entrySet()) {
                out.println(e.getKey() + ": " + e.getValue());
            }
            info.fileSha256().forEach((file, sha) -> out.println("sha256 " + file + ": " + sha));
        }
        return ExitCodes.OK;
    }
}
