package dev.tunebench.benchmarks;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The yardstick for tunebench's decode loop: the shortest greedy KV-cache loop one would write by hand
 * against ONNX Runtime's Java API for the demo models' contract (Hugging Face optimum names, int64 ids,
 * float32 cache), batch 1. Each run's present tensors are fed back as the next run's past without
 * leaving native memory, as tunebench does.
 */
final class RawOrtLoop implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final int layers;
    private final long[] emptyPastShape;

    RawOrtLoop(Path modelDir) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // The only option tunebench sets on CPU: everything else stays at the runtime's defaults.
            options.setIntraOpNumThreads(1);
            session = env.createSession(modelDir.resolve("model.onnx").toString(), options);
        }
        Map<String, NodeInfo> inputs = session.getInputInfo();
        layers = (int) inputs.keySet().stream().filter(n -> n.startsWith("past_key_values.")).count() / 2;
        long[] pastShape = ((TensorInfo) inputs.get("past_key_values.0.key").getInfo()).getShape();
        emptyPastShape = new long[]{1, pastShape[1], 0, pastShape[3]};
    }

    /** Greedy ids after {@code prompt}, without the eos id that ended them. */
    int[] generate(long[] prompt, int maxNewTokens, int[] eosIds) throws OrtException {
        int[] out = new int[maxNewTokens];
        int count = 0;
        long[] mask = new long[prompt.length + maxNewTokens];
        Arrays.fill(mask, 1);
        long[] ids = prompt;
        long[] positions = new long[prompt.length];
        Arrays.setAll(positions, i -> i);
        int past = 0;
        Map<String, OnnxTensor> feed = new HashMap<>();
        OrtSession.Result previous = null;
        try (OnnxTensor emptyPast = OnnxTensor.createTensor(env, FloatBuffer.allocate(0), emptyPastShape)) {
            for (int i = 0; i < layers; i++) {
                feed.put("past_key_values." + i + ".key", emptyPast);
                feed.put("past_key_values." + i + ".value", emptyPast);
            }
            while (true) {
                int seq = ids.length;
                OrtSession.Result result;
                try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[]{1, seq});
                     OnnxTensor maskTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(mask, 0, past + seq), new long[]{1, past + seq});
                     OnnxTensor positionTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(positions), new long[]{1, seq})) {
                    feed.put("input_ids", idTensor);
                    feed.put("attention_mask", maskTensor);
                    feed.put("position_ids", positionTensor);
                    result = session.run(feed);
                }
                if (previous != null) {
                    previous.close();
                }
                previous = result;
                int next = argmaxLast((OnnxTensor) result.get("logits").orElseThrow(), seq);
                if (contains(eosIds, next)) {
                    break;
                }
                out[count++] = next;
                if (count == maxNewTokens) {
                    break;
                }
                for (int i = 0; i < layers; i++) {
                    feed.put("past_key_values." + i + ".key", (OnnxTensor) result.get("present." + i + ".key").orElseThrow());
                    feed.put("past_key_values." + i + ".value", (OnnxTensor) result.get("present." + i + ".value").orElseThrow());
                }
                past += seq;
                ids = new long[]{next};
                positions = new long[]{past};
            }
        } finally {
            if (previous != null) {
                previous.close();
            }
        }
        return Arrays.copyOf(out, count);
    }

    private static int argmaxLast(OnnxTensor logits, int seq) {
        FloatBuffer all = logits.getFloatBuffer();
        int vocab = all.capacity() / seq;
        int from = (seq - 1) * vocab;
        int best = 0;
        float max = all.get(from);
        for (int v = 1; v < vocab; v++) {
            float x = all.get(from + v);
            if (x > max) {
                max = x;
                best = v;
            }
        }
        return best;
    }

    private static boolean contains(int[] ids, int id) {
        for (int x : ids) {
            if (x == id) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
