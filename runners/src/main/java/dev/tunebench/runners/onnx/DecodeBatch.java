package dev.tunebench.runners.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.platform.Fp16Conversions;

import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sequences decoded together, left padded: pads get attention_mask 0 and position 0, real tokens
 * positions cumsum(mask) - 1, so each row sees exactly what it would see alone. With a cache the
 * present tensors of one run are fed back as the next run's past without leaving native memory; a
 * graph without a cache gets the whole sequence again at each step. The first run goes to the model's
 * prefill session (a split pair's {@code decoder_model}) and tells a merged decoder
 * {@code use_cache_branch = false}; later runs go to the with-past session with {@code true}. Not thread-safe.
 */
final class DecodeBatch implements AutoCloseable {

    /** Receives the logits of one row at one position (valid until the call returns). */
    interface LogitsVisitor {
        void accept(int row, int position, float[] logits);
    }

    private final OnnxModel model;
    private final KvContract c;
    private final int rows;
    private final int[] pads;
    private final int maxPosition;
    /** Every token so far, row-major with {@code capacity} columns; only needed for full recompute. */
    private final int[] tokens;
    private final int capacity;
    private int length;
    private final IndexBuffer ids;
    private final IndexBuffer mask;
    private final IndexBuffer positions;
    private final Map<String, OnnxTensor> feed = new HashMap<>();
    /** Cache tensor names per layer, built once: the step loop should not format strings. */
    private final String[] pastKeys;
    private final String[] pastValues;
    private final String[] presentKeys;
    private final String[] presentValues;
    private OnnxTensor emptyPast;
    private OrtSession.Result cache;
    private float[] last = new float[0];
    private int vocab;
    private final OrtSession.RunOptions options;

    /**
     * @param extraColumns how many tokens may be appended after the prompts
     * @param maxPosition  the model's last position; rows that ran past it (finished, ignored) stay there
     */
    DecodeBatch(OnnxModel model, List<int[]> prompts, int padId, int extraColumns, int maxPosition) {
        this(model, prompts, padId, extraColumns, maxPosition, null);
    }

    /** @param options run options of every forward pass (a terminate flag to stop them), or null */
    DecodeBatch(OnnxModel model, List<int[]> prompts, int padId, int extraColumns, int maxPosition,
                OrtSession.RunOptions options) {
        this.model = model;
        this.options = options;
        this.c = model.contract;
        this.rows = prompts.size();
        this.maxPosition = maxPosition;
        int longest = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
        this.capacity = longest + extraColumns;
        this.pads = new int[rows];
        this.pastKeys = names(c.names().pastKey(), c.layers());
        this.pastValues = names(c.names().pastValue(), c.layers());
        this.presentKeys = names(c.names().presentKey(), c.layers());
        this.presentValues = names(c.names().presentValue(), c.layers());
        this.tokens = new int[c.cached() ? 0 : rows * capacity];
        this.length = longest;
        int perStep = c.cached() ? rows : rows * capacity;
        this.ids = new IndexBuffer(c.idType(), perStep);
        this.positions = new IndexBuffer(c.hasPositionIds() ? c.positionType() : OnnxJavaType.INT64, perStep);
        this.mask = new IndexBuffer(c.maskType(), rows * capacity);
        for (int r = 0; r < rows; r++) {
            pads[r] = longest - prompts.get(r).length;
        }
        ids.reset(rows * longest);
        for (int r = 0; r < rows; r++) {
            int[] p = prompts.get(r);
            for (int j = 0; j < longest; j++) {
                int token = j < pads[r] ? padId : p[j - pads[r]];
                ids.put(token);
                if (!c.cached()) {
                    tokens[r * capacity + j] = token;
                }
            }
        }
    }

    int vocab() {
        return vocab;
    }

    /** Runs the prompts; returns the last position's logits, row r at {@code [r * vocab, (r+1) * vocab)}. */
    float[] prefill() throws OrtException {
        run(length, length, null);
        return last;
    }

    /** Runs the prompts once and shows every position's logits to {@code visitor} (teacher forcing). */
    void forwardAll(LogitsVisitor visitor) throws OrtException {
        run(length, length, visitor);
    }

    /** Appends one token per row and returns the new last-position logits (same array each time). */
    float[] step(int[] next) throws OrtException {
        int col = length;
        length++;
        if (c.cached()) {
            ids.reset(rows);
            for (int r = 0; r < rows; r++) {
                ids.put(next[r]);
            }
            run(1, length, null);
        } else {
            ids.reset(rows * length);
            for (int r = 0; r < rows; r++) {
                tokens[r * capacity + col] = next[r];
                for (int j = 0; j < length; j++) {
                    ids.put(tokens[r * capacity + j]);
                }
            }
            run(length, length, null);
        }
        return last;
    }

    /** One forward pass over the newest {@code seq} columns; {@code ids} already holds them. */
    private void run(int seq, int total, LogitsVisitor visitor) throws OrtException {
        mask.reset(rows * total);
        positions.reset(rows * seq);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < total; j++) {
                mask.put(j < pads[r] ? 0 : 1);
            }
            for (int j = total - seq; c.hasPositionIds() && j < total; j++) {
                positions.put(Math.min(Math.max(0, j - pads[r]), maxPosition));
            }
        }
        OnnxTensor idTensor = ids.tensor(model.env, rows, seq);
        OnnxTensor maskTensor = mask.tensor(model.env, rows, total);
        OnnxTensor positionTensor = c.hasPositionIds() ? positions.tensor(model.env, rows, seq) : null;
        try {
            feed.put(c.names().inputIds(), idTensor);
            feed.put(c.names().attentionMask(), maskTensor);
            if (positionTensor != null) {
                feed.put(c.names().positionIds(), positionTensor);
            }
            boolean first = cache == null;
            // A split pair's first graph has no past inputs; the others take an empty past on the first step.
            if (c.cached() && first && model.prefill == model.session) {
                feedEmptyPast();
            }
            if (c.cacheBranch()) {
                feed.put(KvContract.USE_CACHE_BRANCH, first ? model.firstStep : model.laterStep);
            }
            OrtSession.Result result = (first ? model.prefill : model.session).run(feed, model.wantedOutputs, options);
            readLogits(result, seq, visitor);
            if (c.cached()) {
                for (int i = 0; i < c.layers(); i++) {
                    feed.put(pastKeys[i], (OnnxTensor) result.get(presentKeys[i]).orElseThrow());
                    feed.put(pastValues[i], (OnnxTensor) result.get(presentValues[i]).orElseThrow());
                }
                closeCache();
                cache = result;
            } else {
                result.close();
            }
        } finally {
            idTensor.close();
            maskTensor.close();
            if (positionTensor != null) {
                positionTensor.close();
            }
        }
    }

    private static String[] names(String pattern, int layers) {
        String[] out = new String[layers];
        for (int i = 0; i < layers; i++) {
            out[i] = IoNames.layer(pattern, i);
        }
        return out;
    }

    private void feedEmptyPast() throws OrtException {
        long[] shape = {rows, c.kvHeads(), 0, c.headSize()};
        emptyPast = c.kvType() == OnnxJavaType.FLOAT16
                ? OnnxTensor.createTensor(model.env, ShortBuffer.allocate(0), shape, OnnxJavaType.FLOAT16)
                : OnnxTensor.createTensor(model.env, FloatBuffer.allocate(0), shape);
        for (int i = 0; i < c.layers(); i++) {
            feed.put(pastKeys[i], emptyPast);
            feed.put(pastValues[i], emptyPast);
        }
    }

    /** Copies the last position of each row into {@link #last}, or every position to the visitor. */
    private void readLogits(OrtSession.Result result, int seq, LogitsVisitor visitor) {
        OnnxValue value = result.get(c.names().logits()).orElseThrow();
        OnnxTensor tensor = (OnnxTensor) value;
        long[] shape = tensor.getInfo().getShape();
        vocab = (int) shape[2];
        if (last.length != rows * vocab) {
            last = new float[rows * vocab];
        }
        // getFloatBuffer would upcast fp16 into a second buffer; the raw halves convert straight into ours.
        boolean half = c.logitsType() == OnnxJavaType.FLOAT16;
        FloatBuffer floats = half ? null : tensor.getFloatBuffer();
        ShortBuffer halves = half ? tensor.getShortBuffer() : null;
        float[] scratch = visitor == null ? null : new float[vocab];
        for (int r = 0; r < rows; r++) {
            for (int j = visitor == null ? seq - 1 : 0; j < seq; j++) {
                float[] into = visitor == null ? last : scratch;
                int at = visitor == null ? r * vocab : 0;
                int from = (r * seq + j) * vocab;
                if (half) {
                    for (int v = 0; v < vocab; v++) {
                        into[at + v] = Fp16Conversions.fp16ToFloat(halves.get(from + v));
                    }
                } else {
                    floats.get(from, into, at, vocab);
                }
                if (visitor != null) {
                    visitor.accept(r, j - pads[r], scratch);
                }
            }
        }
    }

    private void closeCache() {
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }

    @Override
    public void close() {
        closeCache();
        if (emptyPast != null) {
            emptyPast.close();
        }
    }
}
