package dev.tunebench.runners.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.TextEmbedder;
import dev.tunebench.spi.TextEmbedders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open-ended suite's tiny embedding model through ONNX Runtime and DJL against the token ids,
 * embeddings and cosines PyTorch wrote with it (suites/open-ended/make/make_embedder.py).
 */
class SentenceEmbedderTest {
    private static Path folder;
    private static JsonNode reference;
    private static SentenceEmbedder embedder;

    @BeforeAll
    static void open() throws IOException {
        folder = Path.of(System.getProperty("tunebench.root")).resolve("suites/open-ended/models/embedder");
        reference = new ObjectMapper().readTree(folder.resolve("reference.json").toFile());
        embedder = SentenceEmbedder.open(folder);
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static List<String> texts() {
        List<String> texts = new ArrayList<>();
        reference.get("texts").forEach(t -> texts.add(t.get("text").asText()));
        return texts;
    }

    @Test
    void tokenIdsMatchTheReferenceTokenizer() {
        for (JsonNode t : reference.get("texts")) {
            long[] expected = new long[t.get("ids").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = t.get("ids").get(i).asLong();
            }
            assertArrayEquals(expected, embedder.encode(t.get("text").asText()), t.get("text").asText());
        }
    }

    @Test
    void embeddingsOneByOneAndBatchedMatchPyTorch() {
        List<float[]> batched = embedder.embed(texts());
        for (int i = 0; i < texts().size(); i++) {
            JsonNode t = reference.get("texts").get(i);
            float[] single = embedder.embed(List.of(texts().get(i))).get(0);
            assertArrayEquals(floats(t.get("embedding")), single, 1e-4f, "alone: " + texts().get(i));
            assertArrayEquals(floats(t.get("embedding_in_batch")), batched.get(i), 1e-4f, "batched: " + texts().get(i));
        }
    }

    @Test
    void cosinesThroughTheScorerSpiMatchPyTorch() {
        TextEmbedder spi = TextEmbedders.open(folder);
        List<float[]> vectors = spi.embed(texts());
        for (JsonNode pair : reference.get("cosines")) {
            float[] a = vectors.get(pair.get("a").asInt());
            float[] b = vectors.get(pair.get("b").asInt());
            double dot = 0, na = 0, nb = 0;
            for (int i = 0; i < a.length; i++) {
                dot += a[i] * b[i];
                na += a[i] * a[i];
                nb += b[i] * b[i];
            }
            double cosine = na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
            assertEquals(pair.get("cosine").asDouble(), cosine, 1e-4, pair.toString());
        }
    }

    @Test
    void aFolderWithoutPoolingConfigNamesTheFileAndTheFix(@TempDir Path dir) throws IOException {
        Files.copy(folder.resolve("model.onnx"), dir.resolve("model.onnx"));
        Files.copy(folder.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        InputException e = assertThrows(InputException.class, () -> SentenceEmbedder.open(dir));
        assertTrue(e.getMessage().contains("1_Pooling/config.json is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("pooling_mode_mean_tokens"), e.getMessage());
    }

    @Test
    void aPoolingConfigWithNoKnownModeIsAnInputError(@TempDir Path dir) throws IOException {
        Files.copy(folder.resolve("model.onnx"), dir.resolve("model.onnx"));
        Files.copy(folder.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"pooling_mode_weightedmean_tokens\": true}");
        InputException e = assertThrows(InputException.class, () -> SentenceEmbedder.open(dir));
        assertTrue(e.getMessage().contains("no pooling mode tunebench knows is true"), e.getMessage());
    }

    @Test
    void aFolderWithoutModelOnnxIsAnInputError(@TempDir Path dir) {
        InputException e = assertThrows(InputException.class, () -> SentenceEmbedder.open(dir));
        assertTrue(e.getMessage().contains("no model.onnx"), e.getMessage());
    }
}
