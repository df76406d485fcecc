package dev.tunebench.runners.onnx;

import ai.onnxruntime.OrtException;
import dev.tunebench.spi.TeacherForcedScore;

import java.util.ArrayList;
import java.util.List;

/**
 * Log-probabilities of given tokens in one forward pass per batch: the token at position t is scored
 * with the log-softmax (in double) of the logits at position t - 1, so the first token is never scored.
 */
final class TeacherForcing {
    private final OnnxModel model;
    private final int padId;
    private final int contextLength;

    TeacherForcing(OnnxModel model, int padId, int contextLength) {
        this.model = model;
        this.padId = padId;
        this.contextLength = contextLength;
    }

    /** A tokenized conversation and which of its tokens are scored. */
    record Sequence(int[] ids, boolean[] target) {
        Sequence {
            if (ids.length != target.length) {
                throw new IllegalArgumentException("ids and target mask differ in length");
            }
        }
    }

    List<TeacherForcedScore> score(List<Sequence> batch) throws OrtException {
        List<int[]> prompts = new ArrayList<>(batch.size());
        int[][] scoredIds = new int[batch.size()][];
        double[][] logProbs = new double[batch.size()][];
        int[][] slotOf = new int[batch.size()][];
        for (int r = 0; r < batch.size(); r++) {
            Sequence s = batch.get(r);
            prompts.add(s.ids());
            int n = 0;
            slotOf[r] = new int[s.ids().length];
            for (int t = 0; t < s.ids().length; t++) {
                slotOf[r][t] = t > 0 && s.target()[t] ? n++ : -1;
            }
            scoredIds[r] = new int[n];
            logProbs[r] = new double[n];
        }
        try (DecodeBatch forward = new DecodeBatch(model, prompts, padId, 0, contextLength - 1)) {
            forward.forwardAll((row, position, logits) -> {
                int[] ids = batch.get(row).ids();
                int t = position + 1;
                if (position < 0 || t >= ids.length || slotOf[row][t] < 0) {
                    return;
                }
                int slot = slotOf[row][t];
                scoredIds[row][slot] = ids[t];
                logProbs[row][slot] = logSoftmax(logits, ids[t]);
            });
        }
        List<TeacherForcedScore> out = new ArrayList<>(batch.size());
        for (int r = 0; r < batch.size(); r++) {
            out.add(new TeacherForcedScore(scoredIds[r], logProbs[r]));
        }
        return out;
    }

    static double logSoftmax(float[] logits, int id) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        return logits[id] - max - Math.log(sum);
    }
}
