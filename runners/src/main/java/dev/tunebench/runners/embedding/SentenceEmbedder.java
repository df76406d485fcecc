package dev.tunebench.runners.embedding;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.TextEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sentence-transformers model exported to ONNX: {@code model.onnx} (inputs {@code input_ids},
 * {@code attention_mask}, optionally {@code token_type_ids}; first output the token embeddings
 * [batch, tokens, dims], or an already pooled [batch, dims]), {@code tokenizer.json} (special tokens added
 * as the tokenizer's post-processor says; texts longer than {@code max_position_embeddings} of
 * {@code config.json}, or {@code max_seq_length} of {@code sentence_bert_config.json}, are cut there as
 * sentence-transformers does) and {@code 1_Pooling/config.json} ({@link Pooling}).
 */
final class SentenceEmbedder implements TextEmbedder {
    static {
        // DJL reads these once, before its first tokenizer: no telemetry probe, no download.
        setIfUnset("OPT_OUT_TRACKING", "true");
        setIfUnset("DJL_OFFLINE", "true");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final Pooling pooling;
    private final Set<String> inputs;
    private final long padId;

    private SentenceEmbedder(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer, Pooling pooling,
                             Set<String> inputs, long padId) {
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.pooling = pooling;
        this.inputs = inputs;
        this.padId = padId;
    }

    static SentenceEmbedder open(Path folder) {
        Path modelFile = folder.resolve("model.onnx");
        if (!Files.isRegularFile(modelFile)) {
            throw new InputException(folder + ": no model.onnx; an embedding model folder holds the ONNX export of a "
                    + "sentence-transformers model (e.g. optimum-cli export onnx --model <id> <folder>).");
        }
        Path poolingFile = folder.resolve("1_Pooling").resolve("config.json");
        JsonNode poolingConfig = readJson(poolingFile);
        if (poolingConfig.isMissingNode()) {
            throw new InputException(poolingFile + " is missing; copy it from the sentence-transformers model, or "
                    + "write {\"pooling_mode_mean_tokens\": true} for mean pooling.");
        }
        Pooling pooling = Pooling.read(poolingFile, poolingConfig);
        JsonNode config = readJson(folder.resolve("config.json"));
        JsonNode sbert = readJson(folder.resolve("sentence_bert_config.json"));
        int maxLength = sbert.path("max_seq_length").asInt(config.path("max_position_embeddings").asInt(512));
        HuggingFaceTokenizer tokenizer = tokenizer(folder.resolve("tokenizer.json"), maxLength);
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession session;
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                session = env.createSession(modelFile.toString(), options);
            }
            Map<String, NodeInfo> declared = session.getInputInfo();
            for (String name : declared.keySet()) {
                if (!INPUTS.contains(name)) {
                    throw new InputException(modelFile + ": input '" + name + "' is not one a sentence-embedding model "
                            + "takes here (input_ids, attention_mask, token_type_ids); export the encoder alone.");
                }
            }
            if (!declared.containsKey("input_ids")) {
                throw new InputException(modelFile + ": has no input_ids input; export the encoder with its "
                        + "tokenizer inputs (input_ids, attention_mask).");
            }
            NodeInfo output = session.getOutputInfo().values().iterator().next();
            if (!(output.getInfo() instanceof TensorInfo t) || t.getShape().length < 2 || t.getShape().length > 3) {
                throw new InputException(modelFile + ": first output '" + output.getName() + "' is not token embeddings "
                        + "[batch, tokens, dims] or sentence embeddings [batch, dims]; export last_hidden_state first.");
            }
            return new SentenceEmbedder(env, session, tokenizer, pooling, declared.keySet(),
                    config.path("pad_token_id").asLong(0));
        } catch (OrtException e) {
            throw new InputException("ONNX Runtime could not load " + modelFile + ": " + e.getMessage()
                    + "; export or copy the model again.", e);
        }
    }

    private static HuggingFaceTokenizer tokenizer(Path file, int maxLength) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + " is missing; save the model's fast tokenizer there "
                    + "(AutoTokenizer.from_pretrained(<id>).save_pretrained(<folder>)).");
        }
        try {
            return HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optAddSpecialTokens(true)
                    .optTruncation(true)
                    .optMaxLength(maxLength)
                    .optPadding(false)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new InputException("cannot load tokenizer " + file + " (" + e.getMessage() + "); it must be a "
                    + "Hugging Face tokenizers file.", e);
        }
    }

    /** Token ids of one text as the model sees them (special tokens added, cut at the maximum length). */
    long[] encode(String text) {
        return tokenizer.encode(text).getIds();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<long[]> ids = new ArrayList<>(texts.size());
        int longest = 1;
        for (String text : texts) {
            long[] encoded = encode(text);
            ids.add(encoded);
            longest = Math.max(longest, encoded.length);
        }
        long[][] inputIds = new long[texts.size()][longest];
        long[][] mask = new long[texts.size()][longest];
        for (int i = 0; i < ids.size(); i++) {
            java.util.Arrays.fill(inputIds[i], padId);
            System.arraycopy(ids.get(i), 0, inputIds[i], 0, ids.get(i).length);
            java.util.Arrays.fill(mask[i], 0, ids.get(i).length, 1L);
        }
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put("input_ids", OnnxTensor.createTensor(env, inputIds));
            if (inputs.contains("attention_mask")) {
                feed.put("attention_mask", OnnxTensor.createTensor(env, mask));
            }
            if (inputs.contains("token_type_ids")) {
                feed.put("token_type_ids", OnnxTensor.createTensor(env, new long[texts.size()][longest]));
            }
            try (OrtSession.Result result = session.run(feed)) {
                Object value = result.get(0).getValue();
                List<float[]> out = new ArrayList<>(texts.size());
                for (int i = 0; i < texts.size(); i++) {
                    out.add(value instanceof float[][][] tokens ? pooling.pool(tokens[i], ids.get(i).length)
                            : ((float[][]) value)[i]);
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed on a batch of " + texts.size() + " texts: "
                    + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + " is not valid JSON (" + e.getMessage() + "); fix it or copy it again.", e);
        }
    }

    private static void setIfUnset(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
