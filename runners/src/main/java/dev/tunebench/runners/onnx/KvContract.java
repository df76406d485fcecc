package dev.tunebench.runners.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import dev.tunebench.spi.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to drive one causal-LM graph, read from the session's input/output metadata rather than assumed:
 * id/mask/position element types, whether position_ids exist, the KV-cache tensors (or none, meaning
 * full recompute each step), optimum's {@code use_cache_branch} switch and the logits. Only inputs and
 * outputs are read, never weights, so quantized graphs (q4, int8...) need nothing special.
 * {@code kvHeads}, {@code headSize} and {@code vocab} are -1 when the graph leaves them symbolic.
 *
 * @param cacheBranch the graph is optimum's merged decoder: bool [1] {@code use_cache_branch} says whether
 *                    the past is real (false on the first step, when the empty past is ignored)
 */
record KvContract(
        IoNames names,
        OnnxJavaType idType,
        OnnxJavaType maskType,
        OnnxJavaType positionType,
        boolean hasPositionIds,
        int layers,
        OnnxJavaType kvType,
        int kvHeads,
        int headSize,
        OnnxJavaType logitsType,
        int vocab,
        boolean cacheBranch) {

    static final String USE_CACHE_BRANCH = "use_cache_branch";

    static final Set<OnnxJavaType> INDEX_TYPES = Set.of(OnnxJavaType.INT32, OnnxJavaType.INT64);
    static final Set<OnnxJavaType> FLOAT_TYPES = Set.of(OnnxJavaType.FLOAT, OnnxJavaType.FLOAT16);

    boolean cached() {
        return layers > 0;
    }

    /** Fills cache dimensions the graph leaves symbolic from the folder's config (null = not stated). */
    KvContract withConfigShape(Integer configKvHeads, Integer configHeadSize) {
        int heads = kvHeads < 0 && configKvHeads != null ? configKvHeads : kvHeads;
        int size = headSize < 0 && configHeadSize != null ? configHeadSize : headSize;
        return new KvContract(names, idType, maskType, positionType, hasPositionIds, layers, kvType, heads, size,
                logitsType, vocab, cacheBranch);
    }

    /** Inputs this contract feeds; anything else the graph requires makes it unusable. */
    static KvContract discover(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs, IoNames names, Path modelFile) {
        Discovery d = new Discovery(inputs, outputs, names, modelFile);
        return d.contract();
    }

    /**
     * Checks the first graph of optimum's split pair against this contract (that of its with-past twin):
     * no past inputs, the same id/mask/position and logits types, and present tensors for every layer.
     */
    void checkPrefill(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs, Path prefillFile, Path decoderFile) {
        Discovery d = new Discovery(inputs, outputs, names, prefillFile);
        KvContract first = d.contract();
        String twin = " as its with-past twin " + decoderFile.getFileName() + " has";
        if (!cached() || first.cached()) {
            throw d.fail("a first-step graph without past inputs, paired with a with-past graph that has them");
        }
        if (first.idType != idType || first.maskType != maskType || first.positionType != positionType
                || first.logitsType != logitsType || first.cacheBranch) {
            throw d.fail("the same input_ids, attention_mask, position_ids and logits types" + twin);
        }
        for (int i = 0; i < layers; i++) {
            for (String name : List.of(IoNames.layer(names.presentKey(), i), IoNames.layer(names.presentValue(), i))) {
                TensorInfo t = Discovery.tensor(outputs, name);
                if (t == null || t.type != kvType || t.getShape().length != 4) {
                    throw d.fail("output '" + name + "' as " + dtype(kvType) + " [batch, heads, seq, head_size]" + twin);
                }
            }
        }
    }

    /** Each input and output with its element type and shape, for {@code model-info} and errors. */
    static Map<String, String> describe(Map<String, NodeInfo> nodes) {
        Map<String, String> out = new LinkedHashMap<>();
        nodes.forEach((name, info) -> out.put(name, describe(info)));
        return out;
    }

    /** ONNX spelling of an element type: float32, float16, int64... */
    static String dtype(OnnxJavaType type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String describe(NodeInfo info) {
        if (info.getInfo() instanceof TensorInfo t) {
            String[] dims = t.getDimensionNames();
            long[] shape = t.getShape();
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < shape.length; i++) {
                parts.add(shape[i] >= 0 ? Long.toString(shape[i]) : (dims[i].isEmpty() ? "?" : dims[i]));
            }
            return dtype(t.type) + " " + parts;
        }
        return info.getInfo().toString();
    }

    /** optimum's switch between the merged decoder's two branches: bool of shape [1], nothing else. */
    static boolean isCacheBranch(NodeInfo node) {
        return node != null && node.getInfo() instanceof TensorInfo t && t.type == OnnxJavaType.BOOL
                && Arrays.equals(t.getShape(), new long[]{1});
    }

    /** One discovery: keeps the metadata at hand so every failure can list what was found. */
    private record Discovery(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs, IoNames names, Path modelFile) {

        KvContract contract() {
            OnnxJavaType idType = indexType(names.inputIds(), true);
            OnnxJavaType maskType = indexType(names.attentionMask(), true);
            OnnxJavaType positionType = indexType(names.positionIds(), false);
            TensorInfo logits = tensor(outputs, names.logits());
            if (logits == null || !FLOAT_TYPES.contains(logits.type) || logits.getShape().length != 3) {
                throw fail("a float32 or float16 output '" + names.logits() + "' [batch, seq, vocab]");
            }
            int layers = countLayers();
            OnnxJavaType kvType = null;
            long[] kvShape = null;
            for (int i = 0; i < layers; i++) {
                for (String name : List.of(IoNames.layer(names.pastKey(), i), IoNames.layer(names.pastValue(), i),
                        IoNames.layer(names.presentKey(), i), IoNames.layer(names.presentValue(), i))) {
                    TensorInfo t = tensor(inputs.containsKey(name) ? inputs : outputs, name);
                    if (t == null || !FLOAT_TYPES.contains(t.type) || t.getShape().length != 4 || (kvType != null && t.type != kvType)) {
                        throw fail("'" + name + "' as a float32 or float16 tensor [batch, heads, seq, head_size] like the other cache tensors");
                    }
                    kvType = t.type;
                    kvShape = t.getShape();
                }
            }
            boolean cacheBranch = isCacheBranch(inputs.get(USE_CACHE_BRANCH));
            List<String> unknown = new ArrayList<>(inputs.keySet());
            unknown.removeAll(Arrays.asList(names.inputIds(), names.attentionMask(), names.positionIds()));
            if (cacheBranch && layers > 0) {
                unknown.remove(USE_CACHE_BRANCH);
            }
            for (int i = 0; i < layers; i++) {
                unknown.remove(IoNames.layer(names.pastKey(), i));
                unknown.remove(IoNames.layer(names.pastValue(), i));
            }
            if (!unknown.isEmpty()) {
                throw fail("no inputs besides ids, mask, positions and the KV cache, but found " + unknown);
            }
            return new KvContract(names, idType, maskType, positionType, positionType != null, layers,
                    kvType, kvShape == null ? -1 : (int) kvShape[1], kvShape == null ? -1 : (int) kvShape[3],
                    logits.type, (int) logits.getShape()[2], cacheBranch && layers > 0);
        }

        /** Layers are numbered 0..n-1 without gaps; n = 0 means the graph has no cache. */
        private int countLayers() {
            Pattern cache = Pattern.compile(regex(names.pastKey()) + "|" + regex(names.pastValue()));
            long cacheInputs = inputs.keySet().stream().filter(k -> cache.matcher(k).matches()).count();
            int n = 0;
            while (inputs.containsKey(IoNames.layer(names.pastKey(), n))) {
                n++;
            }
            if (cacheInputs != 2L * n) {
                throw fail("cache inputs " + names.pastKey() + " and " + names.pastValue() + " for layers 0..n-1");
            }
            return n;
        }

        private static String regex(String pattern) {
            int at = pattern.indexOf("%d");
            return Pattern.quote(pattern.substring(0, at)) + "\\d+" + Pattern.quote(pattern.substring(at + 2));
        }

        private OnnxJavaType indexType(String name, boolean required) {
            TensorInfo t = name == null ? null : tensor(inputs, name);
            if (t == null && !required) {
                return null;
            }
            if (t == null || !INDEX_TYPES.contains(t.type) || t.getShape().length != 2) {
                throw fail((required ? "" : "optional ") + "input '" + name + "' as int32 or int64 [batch, seq]");
            }
            return t.type;
        }

        static TensorInfo tensor(Map<String, NodeInfo> nodes, String name) {
            NodeInfo n = nodes.get(name);
            return n != null && n.getInfo() instanceof TensorInfo t ? t : null;
        }

        InputException fail(String expected) {
            return new InputException(modelFile + " is not a causal LM graph tunebench can drive: expected "
                    + expected + ".\n  inputs found:  " + describe(inputs) + "\n  outputs found: " + describe(outputs)
                    + "\n  tunebench drives input_ids and attention_mask (int32/int64), optional position_ids, and"
                    + " either no cache or " + names.pastKey() + "/" + names.pastValue() + " inputs paired with "
                    + names.presentKey() + "/" + names.presentValue() + " outputs (float32/float16) and optionally"
                    + " bool [1] " + USE_CACHE_BRANCH + ", plus "
                    + names.logits() + " [batch, seq, vocab]. Re-export the model with Hugging Face optimum"
                    + " (task text-generation-with-past) or ONNX Runtime GenAI's model builder.");
        }
    }
}
