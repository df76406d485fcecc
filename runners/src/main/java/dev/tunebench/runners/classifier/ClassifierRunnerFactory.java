package dev.tunebench.runners.classifier;

import dev.tunebench.runners.onnx.Offline;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.RunnerSettings;

import java.nio.file.Path;

/**
 * Runs ONNX sequence classifiers (an encoder with a classification head: NLI, sentiment, intent) on ONNX
 * Runtime, offline: one text or a text pair per row in, the most probable label and every label's probability
 * out. Its validation loss is the cross-entropy of the expected labels.
 */
public final class ClassifierRunnerFactory implements RunnerFactory {
    static final String ID = "onnx-classifier";

    static {
        Offline.ensure();
    }

    @Override
    public String id() {
        return ID;
    }

    /** Reads config.json (id2label) and checks the folder's files without opening ONNX Runtime. */
    @Override
    public void check(Path modelDir, RunnerSettings settings) {
        settings.options().allowOnly(ID);
        if (modelDir == null) {
            throw new InputException("runner type " + ID + " evaluates a model folder; give the model a path: "
                    + "(or a glob: of checkpoint folders).");
        }
        ClassifierFolder.load(modelDir);
    }

    @Override
    public void checkPrompt(String technique, Prompt prompt, GenerationSettings generation) {
        try {
            TextInput.of(prompt);
        } catch (InputException e) {
            throw new InputException("technique '" + technique + "': " + e.getMessage(), e);
        }
    }

    @Override
    public Runner open(Path modelDir, RunnerSettings settings) {
        check(modelDir, settings);
        return ClassifierRunner.open(ClassifierFolder.load(modelDir), settings);
    }
}
