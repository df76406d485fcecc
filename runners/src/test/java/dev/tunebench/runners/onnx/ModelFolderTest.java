package dev.tunebench.runners.onnx;

import dev.tunebench.spi.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFolderTest {
    @Test
    void readsHuggingFaceExport() {
        Path dir = TestModels.demo("base");
        ModelConfig c = ModelFolder.load(dir);
        assertAll(
                () -> assertEquals(dir.resolve("model.onnx"), c.onnxFile()),
                () -> assertEquals(dir.resolve("tokenizer.json"), c.tokenizerFile()),
                () -> assertEquals(List.of(2, 0), c.eosTokenIds()),
                () -> assertEquals(3, c.padTokenId()),
                () -> assertEquals(0, c.bosTokenId()),
                () -> assertEquals("<|endoftext|>", c.bosToken()),
                () -> assertEquals("<|im_end|>", c.eosToken()),
                () -> assertFalse(c.addBosToken()),
                () -> assertEquals(512, c.contextLength()),
                () -> assertEquals(1024, c.vocabSize()),
                () -> assertEquals(4, c.numLayers()),
                () -> assertEquals(4, c.numHeads()),
                () -> assertEquals(4, c.numKvHeads()),
                () -> assertEquals(32, c.headSize()),
                () -> assertTrue(c.chatTemplate().startsWith("{% for message in messages %}")),
                () -> assertNull(c.genaiIo()));
    }

    @Test
    void readsGenaiConfig() {
        Path dir = TestModels.conformanceLlama();
        ModelConfig c = ModelFolder.load(dir);
        IoNames io = c.genaiIo();
        assertAll(
                () -> assertEquals(dir.resolve("model.onnx"), c.onnxFile()),
                () -> assertEquals(List.of(1), c.eosTokenIds()),
                () -> assertEquals(2, c.padTokenId()),
                () -> assertEquals(0, c.bosTokenId()),
                () -> assertEquals("<s>", c.bosToken()),
                () -> assertEquals("</s>", c.eosToken()),
                () -> assertTrue(c.addBosToken()),
                () -> assertEquals(2048, c.contextLength()),
                () -> assertEquals(32000, c.vocabSize()),
                () -> assertEquals(2, c.numLayers()),
                () -> assertEquals(1, c.numHeads()),
                () -> assertEquals(1, c.numKvHeads()),
                () -> assertEquals(16, c.headSize()),
                () -> assertTrue(c.chatTemplate().contains("raise_exception")),
                () -> assertEquals("input_ids", io.inputIds()),
                () -> assertEquals("attention_mask", io.attentionMask()),
                () -> assertEquals("position_ids", io.positionIds()),
                () -> assertEquals("logits", io.logits()),
                () -> assertEquals("past_key_values.%d.key", io.pastKey()),
                () -> assertEquals("past_key_values.%d.value", io.pastValue()),
                () -> assertEquals("present.%d.key", io.presentKey()),
                () -> assertEquals("present.%d.value", io.presentValue()));
    }

    @Test
    void templateListAndTokenObjects(@TempDir Path dir) throws IOException {
        minimalFolder(dir);
        Files.writeString(dir.resolve("tokenizer_config.json"), """
                {"chat_template": [{"name": "tool_use", "template": "T"}, {"name": "default", "template": "D"}],
                 "bos_token": {"content": "<s>", "lstrip": false}, "add_bos_token": true}""");
        Files.writeString(dir.resolve("special_tokens_map.json"), """
                {"eos_token": {"content": "</s>"}}""");
        ModelConfig c = ModelFolder.load(dir);
        assertEquals("D", c.chatTemplate());
        assertEquals("<s>", c.bosToken());
        assertEquals("</s>", c.eosToken());
        assertTrue(c.addBosToken());
        assertEquals(List.of(7), c.eosTokenIds());
    }

    @Test
    void templateFromJinjaFile(@TempDir Path dir) throws IOException {
        minimalFolder(dir);
        Files.writeString(dir.resolve("chat_template.jinja"), "{{ messages }}");
        assertEquals("{{ messages }}", ModelFolder.load(dir).chatTemplate());
    }

    @Test
    void missingFolder(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        String msg = assertThrows(InputException.class, () -> ModelFolder.load(missing)).getMessage();
        assertTrue(msg.contains(missing + " does not exist"), msg);
        assertTrue(msg.contains("optimum-cli export onnx --task text-generation-with-past"), msg);
    }

    @Test
    void missingModelOnnx(@TempDir Path dir) throws IOException {
        minimalFolder(dir);
        Files.delete(dir.resolve("model.onnx"));
        Files.writeString(dir.resolve("decoder.onnx"), "");
        String msg = assertThrows(InputException.class, () -> ModelFolder.load(dir)).getMessage();
        assertTrue(msg.contains("there is no decoder graph (model.onnx, at the top or under onnx/)"), msg);
        assertTrue(msg.contains(".onnx files present: decoder.onnx"), msg);
        assertTrue(msg.contains("optimum-cli export onnx"), msg);
    }

    @Test
    void missingTokenizer(@TempDir Path dir) throws IOException {
        minimalFolder(dir);
        Files.delete(dir.resolve("tokenizer.json"));
        String msg = assertThrows(InputException.class, () -> ModelFolder.load(dir)).getMessage();
        assertTrue(msg.contains("no tokenizer.json"), msg);
        assertTrue(msg.contains("save_pretrained"), msg);
    }

    @Test
    void malformedJson(@TempDir Path dir) throws IOException {
        minimalFolder(dir);
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": [2,\n");
        String msg = assertThrows(InputException.class, () -> ModelFolder.load(dir)).getMessage();
        assertTrue(msg.contains(dir.resolve("generation_config.json") + " is not valid JSON at line 2"), msg);
    }

    @Test
    void noConfigAtAll(@TempDir Path dir) throws IOException {
        minimalFolder(dir);
        Files.delete(dir.resolve("config.json"));
        String msg = assertThrows(InputException.class, () -> ModelFolder.load(dir)).getMessage();
        assertTrue(msg.contains("neither config.json nor genai_config.json"), msg);
    }

    @Test
    void noEosId(@TempDir Path dir) throws IOException {
        minimalFolder(dir);
        Files.writeString(dir.resolve("config.json"), "{\"vocab_size\": 10}");
        String msg = assertThrows(InputException.class, () -> ModelFolder.load(dir)).getMessage();
        assertTrue(msg.contains("eos_token_id"), msg);
        assertTrue(msg.contains("generation_config.json"), msg);
    }

    /** The files ModelFolder requires; contents are irrelevant to it except config.json. */
    private static void minimalFolder(Path dir) throws IOException {
        Files.writeString(dir.resolve("model.onnx"), "");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("config.json"), "{\"eos_token_id\": 7}");
    }
}
