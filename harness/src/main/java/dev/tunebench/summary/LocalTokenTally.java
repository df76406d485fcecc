package dev.tunebench.summary;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Sample;

/**
 * A served model's token counts made here (with the suite's tokenizer folder) beside the server's: the
 * means of both and how many samples differ, so a tokenizer or template mismatch is seen, not guessed.
 */
final class LocalTokenTally {
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
    }
}
