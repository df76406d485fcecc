package dev.tunebench.summary;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Sample;

/**
 * A served model's token counts made here (with the suite's tokenizer folder) beside the server's: the
 * means of both and how many samples differ, so a tokenizer or template mismatch is seen, not guessed.
 */
final class LocalTokenTally {
    /**
     * Means further apart than this (relative to the server's) are flagged: a tokenizer or chat template
     * that differs between here and the server, which makes local counts, dry-run estimates and limits wrong.
     */
    static final double MISMATCH_THRESHOLD = 0.05;
    private long n;
    private long differ;
    private double localPrompt;
    private double localCompletion;
    private double serverPrompt;
    private double serverCompletion;

    void add(Sample s) {
        if (s.localPromptTokens() == null || s.error() != null) {
            return;
        }
        int sp = s.promptTokens() == null ? 0 : s.promptTokens();
        int sc = s.completionTokens() == null ? 0 : s.completionTokens();
        n++;
        localPrompt += s.localPromptTokens();
        localCompletion += s.localCompletionTokens();
        serverPrompt += sp;
        serverCompletion += sc;
        if (s.localPromptTokens() != sp || s.localCompletionTokens() != sc) {
            differ++;
        }
    }

    private static double relative(double local, double server) {
        return server == 0 ? (local == 0 ? 0 : 1) : Math.abs(local - server) / server;
    }

    boolean any() {
        return n > 0;
    }

    void writeTo(ObjectNode result) {
        ObjectNode t = result.putObject("local_tokens");
        t.put("n", n);
        t.put("samples_that_differ", differ);
        t.put("prompt_tokens_mean", localPrompt / n);
        t.put("completion_tokens_mean", localCompletion / n);
        t.put("server_prompt_tokens_mean", serverPrompt / n);
        t.put("server_completion_tokens_mean", serverCompletion / n);
        double prompt = relative(localPrompt, serverPrompt);
        double completion = relative(localCompletion, serverCompletion);
        boolean mismatch = prompt > MISMATCH_THRESHOLD || completion > MISMATCH_THRESHOLD;
        t.put("mismatch", mismatch);
        if (mismatch) {
            t.put("mismatch_reason", String.format(java.util.Locale.ROOT, "local token counts differ from the server's usage"
                    + " by %.1f%% (prompt) and %.1f%% (completion), over the %.0f%% threshold: the tokenizer: folder or its chat"
                    + " template does not match the served model", 100 * prompt, 100 * completion, 100 * MISMATCH_THRESHOLD));
        }
    }
}
