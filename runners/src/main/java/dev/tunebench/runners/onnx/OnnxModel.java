package dev.tunebench.runners.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.RunnerSettings;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * ONNX Runtime sessions over a causal LM and the cache contract discovered from their metadata. One
 * session serves every step, except for optimum's split pair: {@link #prefill} then runs the first step
 * and {@link #session} the following ones. Sessions are opened by path, so weights in external data
 * ({@code model.onnx.data}, {@code model_q4.onnx_data}) load from beside the graph.
 */
final class OnnxModel implements AutoCloseable {
    final OrtEnvironment env;
    /** The graph with past inputs (or without a cache at all) that runs every step after the first. */
    final OrtSession session;
    /** The first step's session: {@link #session} itself unless the folder has a split pair. */
    final OrtSession prefill;
    final KvContract contract;
    final ModelGraphs graphs;
    final Path file;
    final String device;
    final Map<String, NodeInfo> inputs;
    final Map<String, NodeInfo> outputs;
    /** Logits plus the present tensors: extra outputs a graph may have are never computed. */
    final Set<String> wantedOutputs;
    /** use_cache_branch values of the merged decoder (null for other kinds): read-only, shared by batches. */
    final OnnxTensor firstStep;
    final OnnxTensor laterStep;

    private OnnxModel(OrtEnvironment env, OrtSession session, OrtSession prefill, KvContract contract,
                      ModelGraphs graphs, String device) throws OrtException {
        this.env = env;
        this.session = session;
        this.prefill = prefill;
        this.contract = contract;
        this.graphs = graphs;
        this.file = graphs.decoder();
        this.device = device;
        this.inputs = session.getInputInfo();
        this.outputs = session.getOutputInfo();
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add(contract.names().logits());
        for (int i = 0; i < contract.layers(); i++) {
            wanted.add(IoNames.layer(contract.names().presentKey(), i));
            wanted.add(IoNames.layer(contract.names().presentValue(), i));
        }
        this.wantedOutputs = Set.copyOf(wanted);
        this.firstStep = contract.cacheBranch() ? OnnxTensor.createTensor(env, new boolean[]{false}) : null;
        this.laterStep = contract.cacheBranch() ? OnnxTensor.createTensor(env, new boolean[]{true}) : null;
    }

    /** Opens the folder's graph(s) with the folder's names; cache sizes the graph leaves open come from config. */
    static OnnxModel open(ModelConfig config, RunnerSettings settings) {
        ModelGraphs graphs = config.graphs();
        IoNames names = config.genaiIo() != null ? config.genaiIo() : IoNames.HF;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String device = settings.device().trim().toLowerCase();
        OrtSession session = createSession(env, graphs.decoder(), settings, device);
        OrtSession prefill = session;
        try {
            if (graphs.split()) {
                prefill = createSession(env, graphs.prefill(), settings, device);
            }
            Map<String, NodeInfo> in = session.getInputInfo();
            Map<String, NodeInfo> out = session.getOutputInfo();
            NodeInfo branch = in.get(KvContract.USE_CACHE_BRANCH);
            if (branch != null && !KvContract.isCacheBranch(branch)) {
                throw graphs.error(graphs.relative(graphs.decoder()) + " has input " + KvContract.USE_CACHE_BRANCH
                        + " as " + KvContract.describe(branch) + ", but optimum's merged decoder switches it with"
                        + " bool [1] (false on the first step, true after)", "re-export the model with optimum"
                        + " (`optimum-cli export onnx --task text-generation-with-past`), or choose another graph"
                        + " of the folder with variant: or file:.");
            }
            KvContract contract = KvContract.discover(in, out, names, graphs.decoder())
                    .withConfigShape(config.numKvHeads(), config.headSize());
            if (contract.cached() && (contract.kvHeads() < 0 || contract.headSize() < 0)) {
                throw new InputException(graphs.decoder() + " leaves the KV-cache heads or head size symbolic and "
                        + config.dir().resolve("config.json") + " does not state them: add num_key_value_heads"
                        + " and head_dim (or num_attention_heads and hidden_size) to config.json.");
            }
            if (graphs.split()) {
                contract.checkPrefill(prefill.getInputInfo(), prefill.getOutputInfo(), graphs.prefill(), graphs.decoder());
            }
            return new OnnxModel(env, session, prefill, contract, graphs, device);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            if (prefill != session) {
                closeQuietly(prefill);
            }
            if (e instanceof InputException ie) {
                throw ie;
            }
            throw new InputException("ONNX Runtime could not read the inputs and outputs of " + graphs.decoder()
                    + ": " + e.getMessage(), e);
        }
    }

    private static OrtSession createSession(OrtEnvironment env, Path file, RunnerSettings settings, String device) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (settings.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(settings.intraOpThreads());
            }
            addDevice(options, device);
            return env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new InputException("ONNX Runtime could not load " + file + ": " + e.getMessage()
                    + "\n  The file is damaged or not an ONNX model: export or copy it again (weights stored as"
                    + " external data must sit next to it under the name the graph gives them, e.g. "
                    + file.getFileName() + ".data or " + file.getFileName() + "_data).", e);
        }
    }

    private static void addDevice(OrtSession.SessionOptions options, String device) {
        if (device.equals("cpu")) {
            return;
        }
        if (!device.matches("cuda(:\\d+)?")) {
            throw new InputException("unknown device '" + device + "': use cpu, cuda or cuda:N (N = GPU index).");
        }
        int index = device.contains(":") ? Integer.parseInt(device.substring(5)) : 0;
        try {
            options.addCUDA(index);
        } catch (OrtException | RuntimeException | LinkageError e) {
            throw new InputException("device " + device + " is not available: " + e.getMessage()
                    + "\n  CUDA needs tunebench built with -Pgpu (the onnxruntime_gpu artifact) and the CUDA 12"
                    + " runtime libraries (libcudart.so.12, libcublas.so.12, cuDNN 9) on the library path."
                    + " Run with --device cpu instead.", e);
        }
    }

    String runtimeVersion() {
        return env.getVersion();
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // Closing after a failed open: the original error is the one worth reporting.
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
        if (prefill != session) {
            closeQuietly(prefill);
        }
        if (firstStep != null) {
            firstStep.close();
            laterStep.close();
        }
    }
}
