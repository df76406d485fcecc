package dev.tunebench.runners.onnx;

import dev.tunebench.datacheck.TokenCounter;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;

import java.nio.file.Path;
import java.util.List;

/**
 * A model folder's tokenizer and chat template without its graph: counts a prompt and a completion as the
 * model itself would, for a served model whose server reports its own counts (which may differ: another
 * tokenizer version, a template the server applies differently). The folder needs tokenizer.json and, for
 * chat prompts, a chat template; no .onnx file.
 */
public final class LocalTokenizer implements AutoCloseable {
    private final TextTokenizer tokenizer;
    private final PromptEncoder encoder;
    private final Integer contextLength;

    private LocalTokenizer(TextTokenizer tokenizer, PromptEncoder encoder, Integer contextLength) {
        this.tokenizer = tokenizer;
        this.encoder = encoder;
        this.contextLength = contextLength;
    }

    public static LocalTokenizer open(Path folder) {
        Offline.ensure();
        ModelConfig config = ModelFolder.loadTokenizer(folder);
        TextTokenizer tokenizer = TextTokenizer.open(config.tokenizerFile());
        return new LocalTokenizer(tokenizer, new PromptEncoder(config, tokenizer), config.contextLength());
    }

    /** The prompt as the template renders it (with the generation prompt and the assistant prefix). */
    public String render(Prompt prompt) {
        return encoder.render(prompt);
    }

    public int promptTokens(Prompt prompt) {
        return encoder.encode(prompt).length;
    }

    /** Tokens of a completion's text (no special tokens added). */
    public int textTokens(String text) {
        return tokenizer.encode(text).length;
    }

    /**
     * A whole training conversation as the template renders it (no generation prompt): all its tokens, and
     * those that count for loss, the content and end-of-turn tokens of weighted assistant turns, as validation
     * loss scores them.
     */
    public TokenCounter.Counts trainingCounts(List<Message> conversation) {
        PromptEncoder.ScoringInput input = encoder.encodeForScoring(conversation);
        return new TokenCounter.Counts(input.ids().length, input.targetCount());
    }

    /** Positions the model accepts, from its config; 0 when the config does not say. */
    public int contextLength() {
        return contextLength == null ? 0 : contextLength;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
