package dev.tunebench.runners.onnx;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.RunnerInfo;
import dev.tunebench.spi.RunnerSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/** The manifest entry of an open runner: versions, device, file hashes and the discovered contract. */
final class RunnerDetails {
    private RunnerDetails() {
    }

    static RunnerInfo info(ModelConfig config, RunnerSettings settings, OnnxModel model, TextTokenizer tokenizer) {
        Map<String, String> hashes = new LinkedHashMap<>();
        ModelGraphs graphs = model.graphs;
        for (Path graph : graphs.files()) {
            hashes.put(graphs.relative(graph), sha256(graph));
            for (Path data : externalData(graph)) {
                hashes.put(graphs.relative(data), sha256(data));
            }
        }
        hashes.put(tokenizer.file().getFileName().toString(), sha256(tokenizer.file()));
        return new RunnerInfo(OnnxRunnerFactory.ID, Map.of("onnxruntime", model.runtimeVersion()), model.device,
                settings.intraOpThreads(), hashes, contract(config, model, tokenizer));
    }

    /**
     * What decides this model's completions besides the request: the hashes of its graph, weight and tokenizer
     * files, the token ids that end or pad a sequence, the context length, the ONNX Runtime version and the
     * device (float results may differ across them). Not the folder's path, threads or batch size.
     */
    static String cacheIdentity(RunnerInfo info) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("runner", info.runnerId());
        id.put("versions", new java.util.TreeMap<>(info.versions()));
        id.put("device", info.device());
        id.put("files", new java.util.TreeMap<>(info.fileSha256()));
        for (String key : List.of("variant", "eos_token_ids", "pad_token_id", "bos_token_id", "add_bos_token",
                "context_length", "vocab")) {
            id.put(key, info.details().get(key));
        }
        return id.toString();
    }

    /** What {@code model-info} prints: everything the runner found out about the folder and graph. */
    private static Map<String, Object> contract(ModelConfig config, OnnxModel model, TextTokenizer tokenizer) {
        KvContract c = model.contract;
        Map<String, Object> d = new LinkedHashMap<>();
        ModelGraphs graphs = model.graphs;
        d.put("model_file", model.file.toString());
        d.put("layout", graphs.layout());
        d.put("decoder_kind", graphs.split() ? "split" : c.cacheBranch() ? "merged" : "single");
        d.put("graph_files", graphs.files().stream().map(graphs::relative).toList());
        d.put("variant", graphs.variant() == null ? null : graphs.variant().wireName);
        d.put("chosen_by", graphs.how());
        d.put("graphs_present", graphs.present());
        d.put("inputs", KvContract.describe(model.inputs));
        d.put("outputs", KvContract.describe(model.outputs));
        d.put("decoding", c.cached() ? "kv-cache" : "full-recompute");
        d.put("layers", c.cached() ? Integer.valueOf(c.layers()) : config.numLayers());
        d.put("heads", config.numHeads());
        d.put("kv_heads", c.cached() ? Integer.valueOf(c.kvHeads()) : config.numKvHeads());
        d.put("head_size", c.cached() ? Integer.valueOf(c.headSize()) : config.headSize());
        d.put("kv_dtype", c.cached() ? KvContract.dtype(c.kvType()) : null);
        d.put("logits_dtype", KvContract.dtype(c.logitsType()));
        d.put("ids_dtype", KvContract.dtype(c.idType()));
        d.put("position_ids", c.hasPositionIds());
        d.put("vocab", c.vocab() > 0 ? Integer.valueOf(c.vocab()) : config.vocabSize());
        d.put("tokenizer_vocab", tokenizer.vocabSize());
        d.put("context_length", config.contextLength());
        d.put("eos_token_ids", config.eosTokenIds());
        d.put("pad_token_id", config.padTokenId());
        d.put("bos_token_id", config.bosTokenId());
        d.put("add_bos_token", config.addBosToken());
        d.put("chat_template", config.chatTemplate() != null);
        d.put("io_names", config.genaiIo() != null ? "genai_config.json" : "hugging-face");
        return d;
    }

    /**
     * Weights stored beside a graph under the names exporters give them: {@code model.onnx.data} (GenAI,
     * torch), {@code model.onnx_data} and its chunks {@code model.onnx_data_1, _2...} (transformers.js).
     */
    static List<Path> externalData(Path graph) {
        String name = graph.getFileName().toString();
        List<Path> out = new ArrayList<>();
        for (String candidate : List.of(name + ".data", name + "_data")) {
            Path data = graph.resolveSibling(candidate);
            if (Files.isRegularFile(data)) {
                out.add(data);
            }
        }
        for (int chunk = 1; Files.isRegularFile(graph.resolveSibling(name + "_data_" + chunk)); chunk++) {
            out.add(graph.resolveSibling(name + "_data_" + chunk));
        }
        return out;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new InputException("Cannot read " + file + " to hash it: " + e.getMessage() + ". Check that the file is readable.", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
