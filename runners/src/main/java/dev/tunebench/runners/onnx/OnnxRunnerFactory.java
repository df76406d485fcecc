package dev.tunebench.runners.onnx;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.RunnerOptions;
import dev.tunebench.spi.RunnerSettings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs Hugging Face-style causal-LM folders (model.onnx at the top or under onnx/ with weight variants,
 * optimum's merged or split decoders, tokenizer.json, config files or genai_config.json) on ONNX Runtime,
 * offline. Its own runner keys choose the graph: {@code variant:} (fp32, fp16, q8, q4...) or {@code file:}.
 */
public final class OnnxRunnerFactory implements RunnerFactory {
    static final String ID = "onnx";
    static final String VARIANT = "variant";
    static final String FILE = "file";
    /** Seconds one batch of requests may take before it is stopped; the same key as the served runners'. */
    static final String TIMEOUT = "timeout_s";

    static {
        Offline.ensure();
    }

    @Override
    public String id() {
        return ID;
    }

    /** ONNX Runtime's {@code run} is thread-safe and every generate call keeps its own KV state. */
    @Override
    public boolean sharedByWorkers() {
        return true;
    }

    /** Reads the folder's files and resolves its graph without opening ONNX Runtime. */
    @Override
    public void check(Path modelDir, RunnerSettings settings) {
        GraphChoice choice = choice(settings.options());
        if (modelDir == null) {
            throw new InputException("runner type " + ID + " evaluates a model folder; give the model a path: "
                    + "(or a glob: of checkpoint folders).");
        }
        ModelFolder.load(modelDir, choice);
        timeout(settings.options());
    }

    @Override
    public Runner open(Path modelDir, RunnerSettings settings) {
        return OnnxRunner.open(modelDir, settings, choice(settings.options()));
    }

    /** The batch time limit, or null when none is set. */
    static Duration timeout(RunnerOptions options) {
        return options.integer(TIMEOUT, 1, 86_400).map(Duration::ofSeconds).orElse(null);
    }

    static GraphChoice choice(RunnerOptions options) {
        options.allowOnly(ID, VARIANT, FILE, TIMEOUT);
        return new GraphChoice(options.text(VARIANT).orElse(null), options.where(VARIANT),
                options.text(FILE).orElse(null), options.where(FILE));
    }
}
