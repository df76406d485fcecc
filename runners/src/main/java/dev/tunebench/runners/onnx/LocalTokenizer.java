package dev.tunebench.runners.onnx;

import dev.tunebench.spi.Prompt;

import java.nio.file.Path;

/**
 * A model folder's tokenizer and chat template without its graph: counts a prompt and a completion as the
 * model itself would, for a served model whose server reports its own counts (which may differ: another
 * tokenizer version, a template the server applies differently). The folder needs tokenizer.json and, for
 * chat prompts, a chat template; no .onnx file.
 */
public final class LocalTokenizer implements AutoCloseable {
    private final TextTokenizer tokenizer;
    private final PromptEncoder encoder;

    private LocalTokenizer(TextTokenizer tokenizer, PromptEncoder encoder) {
        this.tokenizer = tokenizer;
        this.encoder = encoder;
    }

    public static LocalTokenizer open(Path folder) {
        Offline.ensure();
        ModelConfig config = ModelFolder.loadTokenizer(folder);
        TextTokenizer tokenizer = TextTokenizer.open(config.tokenizerFile());
        return new LocalTokenizer(tokenizer, new PromptEncoder(config, tokenizer));
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

    @Override
    public void close() {
        tokenizer.close();
    }
}
