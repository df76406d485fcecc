package dev.tunebench.runners.replay;

import dev.tunebench.runners.onnx.LocalTokenizer;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.RunnerSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runner type {@code replay}: a model's answers come from a file ({@code file:}) made elsewhere, e.g. the
 * output of an OpenAI or Azure OpenAI batch, or another run's samples; {@code tokenizer:} names a folder
 * with the model's tokenizer to count tokens the file does not give. Nothing is called, nothing is sent.
 */
public final class ReplayRunnerFactory implements RunnerFactory {
    public static final String ID = "replay";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean needsModelFolder() {
        return false;
    }

    @Override
    public boolean generates() {
        return false;
    }

    @Override
    public void check(Path modelDir, RunnerSettings settings) {
        if (modelDir != null) {
            throw new InputException("runner type replay reads its answers from runner.file, so the model has no folder: "
                    + "remove its path:/glob: and give it an id:.");
        }
        settings.options().allowOnly(ID, "file", "tokenizer");
        files(settings);
        tokenizerFolder(settings);
    }

    /** Reads the whole file: a malformed line, a duplicate or a line for another model fails before the run. */
    @Override
    public void checkModel(String modelId, Path modelDir, RunnerSettings settings) {
        ReplayFile.read(files(settings), modelId);
    }

    @Override
    public Runner open(Path modelDir, RunnerSettings settings) {
        check(modelDir, settings);
        Path tokenizer = tokenizerFolder(settings);
        return new ReplayRunner(ReplayFile.read(files(settings), null), tokenizer == null ? null : LocalTokenizer.open(tokenizer));
    }

    /** {@code file:} as one path or a list (a batch's output and error files), each relative to the suite file. */
    private static List<Path> files(RunnerSettings settings) {
        var o = settings.options();
        List<Path> files = o.paths("file");
        if (files.isEmpty()) {
            throw o.error("file", "missing; name the file of outputs to score, e.g. runner: {type: replay, file: "
                    + "batch-output.jsonl} (a Batch API output file, or [output.jsonl, errors.jsonl], or a "
                    + "`tunebench samples export` file).");
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw o.error("file", file + " does not exist. Give the path of the outputs file, relative to the suite file.");
            }
        }
        return files;
    }

    private static Path tokenizerFolder(RunnerSettings settings) {
        Path dir = settings.options().path("tokenizer").orElse(null);
        if (dir != null && !Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            throw settings.options().error("tokenizer", dir + " holds no tokenizer.json; name a folder with the model's "
                    + "tokenizer.json and tokenizer_config.json (its chat template), e.g. the model's own folder.");
        }
        return dir;
    }
}
