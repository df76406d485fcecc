package dev.tunebench.runners.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.tunebench.runners.onnx.RowDecoder.GenerateRequest;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.TokenListener;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Generates for one batch: prefill, then one step per token until every row has ended. Rows that ended
 * keep stepping with the pad token (cheaper than reshaping the cache) and their picks are ignored, so a
 * row's tokens never depend on its neighbours.
 */
final class DecodeLoop {
    private final OnnxModel model;
    private final boolean[] eos;
    private final int padId;
    private final int contextLength;
    private final Function<int[], String> detokenizer;

    /**
     * @param eosIds        ids that end a request (not counted as completion tokens)
     * @param contextLength the model's positions; a row stops with LENGTH when it runs out of them
     */
    DecodeLoop(OnnxModel model, int[] eosIds, int padId, int contextLength, Function<int[], String> detokenizer) {
        this.model = model;
        int top = 0;
        for (int id : eosIds) {
            top = Math.max(top, id + 1);
        }
        this.eos = new boolean[top];
        for (int id : eosIds) {
            eos[id] = true;
        }
        this.padId = padId;
        this.contextLength = contextLength;
        this.detokenizer = detokenizer;
    }

    /**
     * Requests must already fit the model (ids below the logits width, prompts within the context). With a
     * listener, row r streams as prompt {@code firstIndex + r} and is reported done as soon as it ends. With
     * {@code options} (nullable) every forward pass can be stopped by its terminate flag.
     */
    List<Generation> run(List<GenerateRequest> batch, GenerationSettings settings, long submitNanos,
                         TokenListener listener, int firstIndex, OrtSession.RunOptions options) throws OrtException {
        TokenPicker picker = new TokenPicker(settings.decoding());
        int n = batch.size();
        RowDecoder[] rows = new RowDecoder[n];
        List<int[]> prompts = new ArrayList<>(n);
        int extra = 0;
        for (int r = 0; r < n; r++) {
            GenerateRequest request = batch.get(r);
            // The last token is never fed back, so a prompt may use every position but one per new token.
            int limit = Math.min(settings.maxNewTokens(), contextLength - request.ids().length + 1);
            int index = firstIndex + r;
            rows[r] = new RowDecoder(request, limit, eos, detokenizer, picker.newRandom(),
                    listener == null ? null : delta -> listener.onText(index, delta));
            prompts.add(request.ids());
            extra = Math.max(extra, limit);
        }
        int[] next = new int[n];
        try (DecodeBatch decode = new DecodeBatch(model, prompts, padId, extra, contextLength - 1, options)) {
            float[] logits = decode.prefill();
            int active = n;
            while (true) {
                int vocab = decode.vocab();
                for (int r = 0; r < n; r++) {
                    next[r] = rows[r].done() ? padId : picker.pick(logits, r * vocab, vocab, rows[r].random);
                }
                long now = System.nanoTime();
                for (int r = 0; r < n; r++) {
                    if (!rows[r].done() && rows[r].accept(next[r], now)) {
                        next[r] = padId;
                        active--;
                        if (listener != null) {
                            listener.onDone(firstIndex + r, rows[r].result(submitNanos));
                        }
                    }
                }
                if (active == 0) {
                    break;
                }
                logits = decode.step(next);
            }
        }
        List<Generation> out = new ArrayList<>(n);
        for (RowDecoder row : rows) {
            out.add(row.result(submitNanos));
        }
        return out;
    }
}
