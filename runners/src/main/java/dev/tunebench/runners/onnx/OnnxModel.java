package dev.tunebench.runners.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.RunnerSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX Runtime session over a causal LM and the cache contract discovered from its metadata. The
 * session is opened by path, so weights in external data ({@code model.onnx.data}) load next to it.
 */
final class OnnxModel implements AutoCloseable {
    final OrtEnvironment env;
    final OrtSession session;
    final KvContract contract;
    final Path file;
    final String device;
    final Map<String, NodeInfo> inputs;
    final Map<String, NodeInfo> outputs;
    /** Logits plus the present tensors: extra outputs a graph may have are never computed. */
    final Set<String> wantedOutputs;

    private OnnxModel(OrtEnvironment env, OrtSession session, KvContract contract, Path file, String device,
                      Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
        this.env = env;
        this.session = session;
        this.contract = contract;
        this.file = file;
        this.device = device;
        this.inputs = inputs;
        this.outputs = outputs;
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add(contract.names().logits());
        for (int i = 0; i < contract.layers(); i++) {
            wanted.add(IoNames.layer(contract.names().presentKey(), i));
            wanted.add(IoNames.layer(contract.names().presentValue(), i));
        }
        this.wantedOutputs = Set.copyOf(wanted);
    }

    /** Opens the folder's graph with the folder's names; cache sizes the graph leaves open come from config. */
    static OnnxModel open(ModelConfig config, RunnerSettings settings) {
        Path file = config.onnxFile();
        IoNames names = config.genaiIo() != null ? config.genaiIo() : IoNames.HF;
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + " not found: a model folder needs model.onnx (the Hugging Face"
                    + " ONNX export of a causal LM with its KV cache); check the --model path.");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String device = settings.device().trim().toLowerCase();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (settings.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(settings.intraOpThreads());
            }
            addDevice(options, device);
            session = env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new InputException("ONNX Runtime could not load " + file + ": " + e.getMessage()
                    + "\n  The file is damaged or not an ONNX model: export or copy it again (weights stored as"
                    + " external data must sit next to it as " + file.getFileName() + ".data).", e);
        }
        try {
            Map<String, NodeInfo> in = session.getInputInfo();
            Map<String, NodeInfo> out = session.getOutputInfo();
            KvContract contract = KvContract.discover(in, out, names, file).withConfigShape(config.numKvHeads(), config.headSize());
            if (contract.cached() && (contract.kvHeads() < 0 || contract.headSize() < 0)) {
                throw new InputException(file + " leaves the KV-cache heads or head size symbolic and "
                        + config.dir().resolve("config.json") + " does not state them: add num_key_value_heads"
                        + " and head_dim (or num_attention_heads and hidden_size) to config.json.");
            }
            return new OnnxModel(env, session, contract, file, device, in, out);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof InputException ie) {
                throw ie;
            }
            throw new InputException("ONNX Runtime could not read the inputs and outputs of " + file + ": " + e.getMessage(), e);
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
    }
}
