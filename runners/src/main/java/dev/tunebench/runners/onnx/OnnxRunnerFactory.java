package dev.tunebench.runners.onnx;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.RunnerSettings;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs Hugging Face-style causal-LM folders (model.onnx with or without KV cache, tokenizer.json,
 * config files or genai_config.json) on ONNX Runtime, offline.
 */
public final class OnnxRunnerFactory implements RunnerFactory {
    static final String ID = "onnx";

    static {
        Offline.ensure();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void check(Path modelDir, RunnerSettings settings) {
        RunnerFactory.super.check(modelDir, settings);
        if (!Files.isRegularFile(modelDir.resolve("tokenizer.json"))) {
            throw new InputException(modelDir.resolve("tokenizer.json") + " is missing. A model folder needs model.onnx, "
                    + "tokenizer.json and tokenizer_config.json.");
        }
    }

    @Override
    public Runner open(Path modelDir, RunnerSettings settings) {
        return OnnxRunner.open(modelDir, settings);
    }
}
