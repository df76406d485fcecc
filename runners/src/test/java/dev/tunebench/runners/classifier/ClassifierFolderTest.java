package dev.tunebench.runners.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerOptions;
import dev.tunebench.spi.RunnerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed classifier folders fail before a run with the file and the fix: copies of a real model, one part broken. */
class ClassifierFolderTest {
    @TempDir
    Path dir;

    private final ClassifierRunnerFactory factory = new ClassifierRunnerFactory();

    private Path copyWithConfig(String config) throws IOException {
        Path src = NliModels.model("ckpt-epoch-4");
        Path out = Files.createDirectories(dir.resolve("model"));
        for (String f : List.of("model.onnx", "tokenizer.json")) {
            Files.copy(src.resolve(f), out.resolve(f));
        }
        if (config != null) {
            Files.writeString(out.resolve("config.json"), config);
        }
        return out;
    }

    private String checkError(Path folder) {
        return assertThrows(InputException.class, () -> factory.check(folder, RunnerSettings.cpu())).getMessage();
    }

    @Test
    void readsLabelsInLogitOrderAndPadding() {
        ClassifierFolder f = ClassifierFolder.load(NliModels.model("base"));
        assertEquals(List.of("entailment", "neutral", "contradiction"), f.labels());
        assertEquals(3, f.padId());
        assertEquals(128, f.maxPositions());
    }

    @Test
    void configWithoutId2labelNamesTheFileAndShowsTheFix() throws IOException {
        Path folder = copyWithConfig("{\"model_type\": \"bert\"}");
        String message = checkError(folder);
        assertTrue(message.startsWith(folder.resolve("config.json") + " has no id2label"), message);
        assertTrue(message.contains("\"id2label\": {\"0\": \"entailment\""), message);
    }

    @Test
    void id2labelWithGapsOrDuplicatesIsRejected() throws IOException {
        String gaps = checkError(copyWithConfig("{\"id2label\": {\"0\": \"a\", \"2\": \"b\"}}"));
        assertTrue(gaps.contains("id2label keys [0, 2] must be 0..1"), gaps);
        Files.writeString(dir.resolve("model/config.json"), "{\"id2label\": {\"0\": \"a\", \"1\": \"a\"}}");
        String twice = checkError(dir.resolve("model"));
        assertTrue(twice.contains("names a label twice"), twice);
    }

    @Test
    void missingConfigOrModelNamesWhatIsMissing() throws IOException {
        Path folder = copyWithConfig(null);
        assertTrue(checkError(folder).startsWith(folder + " has no config.json"), checkError(folder));
        Files.delete(folder.resolve("model.onnx"));
        Files.writeString(folder.resolve("config.json"), "{\"id2label\": {\"0\": \"a\"}}");
        String message = checkError(folder);
        assertTrue(message.startsWith(folder + " has no model.onnx") && message.contains("optimum-cli export onnx"), message);
    }

    @Test
    void logitsThatDoNotMatchTheLabelsFailAtOpenNamingBothFiles() throws IOException {
        Path folder = copyWithConfig("{\"id2label\": {\"0\": \"entailment\", \"1\": \"neutral\", \"2\": \"contradiction\", "
                + "\"3\": \"unknown\"}}");
        factory.check(folder, RunnerSettings.cpu());
        String message = assertThrows(InputException.class, () -> factory.open(folder, RunnerSettings.cpu())).getMessage();
        assertTrue(message.startsWith(folder.resolve("model.onnx") + " gives 3 logits per row but "
                + folder.resolve("config.json") + " id2label names 4 classes"), message);
        assertTrue(message.contains("one label per logit"), message);
    }

    @Test
    void aSymbolicLogitsWidthIsSettledByRunningTheGraphOnce() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("symbolic"));
        try (InputStream in = getClass().getResourceAsStream("/classifier/symbolic-logits.onnx")) {
            Files.copy(in, folder.resolve("model.onnx"));
        }
        Files.copy(NliModels.model("base").resolve("tokenizer.json"), folder.resolve("tokenizer.json"));
        Files.writeString(folder.resolve("config.json"), "{\"id2label\": {\"0\": \"a\", \"1\": \"b\", \"2\": \"c\"}}");
        String message = assertThrows(InputException.class, () -> factory.open(folder, RunnerSettings.cpu())).getMessage();
        assertTrue(message.contains("gives 4 logits per row but") && message.contains("names 3 classes [a, b, c]"), message);
        Files.writeString(folder.resolve("config.json"),
                "{\"id2label\": {\"0\": \"a\", \"1\": \"b\", \"2\": \"c\", \"3\": \"d\"}}");
        try (Runner runner = factory.open(folder, RunnerSettings.cpu())) {
            Generation g = runner.generate(List.of(Prompt.of(List.of(Message.user("some text")))),
                    GenerationSettings.greedy(1)).get(0);
            assertEquals(List.of("a", "b", "c", "d"), List.copyOf(g.probabilities().keySet()));
            assertEquals(List.of("input_ids", "attention_mask"), runner.info().details().get("inputs"), "no token_type_ids");
        }
    }

    @Test
    void unknownRunnerKeysAreRejected() {
        RunnerSettings settings = RunnerSettings.cpu().withOptions(RunnerOptions.of(Map.of("variant", "fp16"), "suite.yaml"));
        String message = assertThrows(InputException.class, () -> factory.check(NliModels.model("base"), settings)).getMessage();
        assertTrue(message.contains("unknown key 'variant' for runner type onnx-classifier"), message);
    }
}
