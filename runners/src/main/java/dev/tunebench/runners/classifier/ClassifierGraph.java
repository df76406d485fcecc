package dev.tunebench.runners.classifier;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.RunnerSettings;

import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classifier's ONNX graph and its contract, read from the graph itself: {@code input_ids} and
 * {@code attention_mask} (and {@code token_type_ids} when the graph has it, as BERT-style exports do) as int64
 * [batch, sequence], and {@code logits} [batch, labels]. The logits' width must match config.json's id2label;
 * when the graph leaves it symbolic a one-row probe settles it at open, so a mismatch never reaches a run.
 */
final class ClassifierGraph implements AutoCloseable {
    static final String IDS = "input_ids";
    static final String MASK = "attention_mask";
    static final String TYPES = "token_type_ids";
    static final String LOGITS = "logits";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean typeIds;

    private ClassifierGraph(OrtEnvironment env, OrtSession session, boolean typeIds) {
        this.env = env;
        this.session = session;
        this.typeIds = typeIds;
    }

    static ClassifierGraph open(ClassifierFolder folder, RunnerSettings settings, PairTokenizer tokenizer) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = createSession(env, folder, settings);
        try {
            Map<String, NodeInfo> in = session.getInputInfo();
            Map<String, NodeInfo> out = session.getOutputInfo();
            for (String name : in.keySet()) {
                if (!Set.of(IDS, MASK, TYPES).contains(name)) {
                    throw new InputException(folder.model() + " has input '" + name + "'; a sequence classifier takes "
                            + IDS + ", " + MASK + " and optionally " + TYPES + ". Export it with optimum's "
                            + "text-classification task.");
                }
            }
            if (!in.containsKey(IDS) || !in.containsKey(MASK)) {
                throw new InputException(folder.model() + " has inputs " + in.keySet() + " but needs " + IDS + " and "
                        + MASK + "; export it with optimum's text-classification task.");
            }
            if (!out.containsKey(LOGITS)) {
                throw new InputException(folder.model() + " has outputs " + out.keySet() + " but no '" + LOGITS
                        + "'; export the classification head (optimum's text-classification task), not the encoder alone.");
            }
            ClassifierGraph graph = new ClassifierGraph(env, session, in.containsKey(TYPES));
            long width = logitsWidth(out.get(LOGITS), folder);
            if (width < 0) {
                width = graph.logits(List.of(tokenizer.encode(new TextInput("a", null))), folder.padId())[0].length;
            }
            if (width != folder.labels().size()) {
                throw new InputException(folder.model() + " gives " + width + " logits per row but "
                        + folder.dir().resolve(ClassifierFolder.CONFIG) + " id2label names " + folder.labels().size()
                        + " classes " + folder.labels() + "; make id2label list one label per logit, in logit order "
                        + "(or use the config.json that came with this model).");
            }
            return graph;
        } catch (OrtException | RuntimeException e) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // Closing after a failed open: the original error is the one worth reporting.
            }
            if (e instanceof InputException ie) {
                throw ie;
            }
            throw new InputException("ONNX Runtime could not run " + folder.model() + ": " + e.getMessage(), e);
        }
    }

    /** The static last dimension of [batch, labels] logits, or -1 when symbolic. */
    private static long logitsWidth(NodeInfo logits, ClassifierFolder folder) {
        if (!(logits.getInfo() instanceof TensorInfo t) || t.getShape().length != 2) {
            throw new InputException(folder.model() + " output '" + LOGITS + "' is " + logits.getInfo()
                    + ", but a sequence classifier gives [batch, labels] logits; export the model with optimum's "
                    + "text-classification task.");
        }
        return t.getShape()[1];
    }

    private static OrtSession createSession(OrtEnvironment env, ClassifierFolder folder, RunnerSettings settings) {
        String device = settings.device().trim().toLowerCase(java.util.Locale.ROOT);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (settings.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(settings.intraOpThreads());
            }
            if (!device.equals("cpu")) {
                if (!device.matches("cuda(:\\d+)?")) {
                    throw new InputException("unknown device '" + device + "': use cpu, cuda or cuda:N (N = GPU index).");
                }
                options.addCUDA(device.contains(":") ? Integer.parseInt(device.substring(5)) : 0);
            }
            return env.createSession(folder.model().toString(), options);
        } catch (OrtException | LinkageError e) {
            throw new InputException("ONNX Runtime could not load " + folder.model() + " on " + device + ": "
                    + e.getMessage() + "\n  Check that the file is an ONNX model (export or copy it again); for cuda,"
                    + " build with -Pgpu and install the CUDA 12 libraries, or run with --device cpu.", e);
        }
    }

    /** Logits of each encoded row; rows are right-padded to the longest with {@code padId} and masked. */
    float[][] logits(List<PairTokenizer.Encoded> rows, long padId) throws OrtException {
        int batch = rows.size();
        int length = rows.stream().mapToInt(r -> r.ids().length).max().orElse(0);
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        long[] types = new long[batch * length];
        java.util.Arrays.fill(ids, padId);
        for (int b = 0; b < batch; b++) {
            PairTokenizer.Encoded r = rows.get(b);
            System.arraycopy(r.ids(), 0, ids, b * length, r.ids().length);
            System.arraycopy(r.typeIds(), 0, types, b * length, r.typeIds().length);
            java.util.Arrays.fill(mask, b * length, b * length + r.ids().length, 1L);
        }
        long[] shape = {batch, length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put(MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (typeIds) {
                inputs.put(TYPES, OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(LOGITS))) {
                return (float[][]) result.get(0).getValue();
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    String runtimeVersion() {
        return env.getVersion();
    }

    Map<String, Object> describe() {
        return Map.of("inputs", typeIds ? List.of(IDS, MASK, TYPES) : List.of(IDS, MASK), "output", LOGITS);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // Nothing to recover at close; the results are already out.
        }
    }
}
