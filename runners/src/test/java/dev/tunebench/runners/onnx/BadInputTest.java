package dev.tunebench.runners.onnx;

import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each bad input is an InputException whose message names the file at fault and the fix. */
class BadInputTest {
    private static final OnnxRunnerFactory FACTORY = new OnnxRunnerFactory();

    @Test
    void missingFolder(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-model");
        InputException e = assertThrows(InputException.class, () -> FACTORY.open(missing, RunnerSettings.cpu()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void corruptOnnxFile(@TempDir Path tmp) throws IOException {
        Path copy = copyOfBase(tmp);
        Files.writeString(copy.resolve("model.onnx"), "this is not a protobuf");
        InputException e = assertThrows(InputException.class, () -> FACTORY.open(copy, RunnerSettings.cpu()));
        assertTrue(e.getMessage().contains(copy.resolve("model.onnx").toString()), e.getMessage());
    }

    @Test
    void tokenIdBeyondTheLogitsIsAVocabularyMismatch() {
        try (Runner runner = FACTORY.open(TestModels.demo("base"), RunnerSettings.cpu())) {
            InputException e = assertThrows(InputException.class,
                    () -> runner.generateFromIds(List.of(new int[]{5, 1024}), GenerationSettings.greedy(4)));
            assertTrue(e.getMessage().contains("tokenizer.json") && e.getMessage().contains("model.onnx"), e.getMessage());
        }
    }

    @Test
    void promptLongerThanTheContext() {
        try (Runner runner = FACTORY.open(TestModels.demo("base"), RunnerSettings.cpu())) {
            Prompt longPrompt = Prompt.of(List.of(Message.user("my parcel never arrived ".repeat(200))));
            InputException e = assertThrows(InputException.class,
                    () -> runner.generate(List.of(longPrompt), GenerationSettings.greedy(4)));
            assertTrue(e.getMessage().contains("model.onnx") && e.getMessage().contains("512"), e.getMessage());
        }
    }

    @Test
    void cudaWithoutTheGpuBuildSaysHowToFallBack() {
        InputException e = assertThrows(InputException.class,
                () -> FACTORY.open(TestModels.demo("base"), new RunnerSettings("cuda:0", 1, 1)).close());
        assertTrue(e.getMessage().contains("-Pgpu") && e.getMessage().contains("--device cpu"), e.getMessage());
    }

    /** A graph whose cache names match no known pattern is refused with what was found and expected. */
    @Test
    void unknownCacheNamesListTheGraphsInputs() {
        ModelConfig config = ModelFolder.load(TestModels.demo("base"));
        try (OnnxModel model = OnnxModel.open(config, RunnerSettings.cpu())) {
            IoNames other = new IoNames("input_ids", "attention_mask", "position_ids",
                    "past.%d.key", "past.%d.value", "logits", "present.%d.key", "present.%d.value");
            InputException e = assertThrows(InputException.class,
                    () -> KvContract.discover(model.inputs, model.outputs, other, model.file));
            assertTrue(e.getMessage().contains("past_key_values.0.key") && e.getMessage().contains("inputs found"), e.getMessage());
        }
    }

    private static Path copyOfBase(Path tmp) throws IOException {
        Path base = TestModels.demo("base");
        Path copy = tmp.resolve("base");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(base)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }
}
