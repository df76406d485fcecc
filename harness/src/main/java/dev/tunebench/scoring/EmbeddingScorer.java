package dev.tunebench.scoring;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.TextEmbedder;
import dev.tunebench.spi.TextEmbedders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code embedding_similarity}: the cosine between the sentence embeddings of the answer and the expected
 * text, from the sentence-embedding model folder {@code model} (resolved against the suite's folder). A
 * cosine lies in [-1, 1]; 1 is the same direction.
 */
record EmbeddingScorer(String name, TextEmbedder embedder) implements Scorer {

    static EmbeddingScorer from(Params params, Path baseDir, Function<Path, TextEmbedder> opener) {
        String model = params.string("model").orElseThrow(() -> params.error("model",
                "missing; give the folder of an ONNX sentence-embedding model (model.onnx, tokenizer.json, "
                        + "1_Pooling/config.json), relative to the suite"));
        Path folder = baseDir.resolve(model).normalize();
        if (!Files.isDirectory(folder)) {
            throw params.error("model", "folder " + folder + " does not exist; give the folder of an ONNX "
                    + "sentence-embedding model, relative to the suite");
        }
        try {
            return new EmbeddingScorer(params.name(), opener.apply(folder));
        } catch (InputException e) {
            throw params.error("model", e.getMessage());
        }
    }

    static Function<Path, TextEmbedder> opener() {
        return TextEmbedders::open;
    }

    @Override
    public Score score(String answer, String expected) {
        List<float[]> vectors = embedder.embed(List.of(answer, expected));
        double cosine = cosine(vectors.get(0), vectors.get(1));
        return new Score(cosine, String.format(Locale.ROOT, "cosine %.4f", cosine), "", null, null);
    }

    /** 0 when either vector is all zeros (an empty text under mean pooling of nothing). */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0.0 : dot / Math.sqrt(na * nb);
    }
}
