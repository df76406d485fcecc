package dev.tunebench.datacheck;

/**
 * The epoch count OpenAI's fine-tuning picks when {@code n_epochs} is "auto", as its cookbook states the rule
 * (openai-cookbook, examples/Chat_finetuning_data_prep.ipynb, "Pricing and default n_epochs estimate"):
 * 3 epochs, raised to min(25, 100 / n) when n × 3 < 100 examples, lowered to max(1, 25000 / n) when
 * n × 3 > 25000 (integer division). Other services choose differently; output says whose rule this is.
 */
public final class DefaultEpochs {
    static final int TARGET_EPOCHS = 3;
    static final int MIN_TARGET_EXAMPLES = 100;
    static final int MAX_TARGET_EXAMPLES = 25_000;
    static final int MIN_DEFAULT_EPOCHS = 1;
    static final int MAX_DEFAULT_EPOCHS = 25;
    public static final String SOURCE = "OpenAI's default for n_epochs \"auto\" by data size (openai-cookbook, "
            + "Chat_finetuning_data_prep.ipynb)";

    private DefaultEpochs() {
    }

    public static int forExamples(long examples) {
        if (examples <= 0) {
            return TARGET_EPOCHS;
        }
        if (examples * TARGET_EPOCHS < MIN_TARGET_EXAMPLES) {
            return (int) Math.min(MAX_DEFAULT_EPOCHS, MIN_TARGET_EXAMPLES / examples);
        }
        if (examples * TARGET_EPOCHS > MAX_TARGET_EXAMPLES) {
            return (int) Math.max(MIN_DEFAULT_EPOCHS, MAX_TARGET_EXAMPLES / examples);
        }
        return TARGET_EPOCHS;
    }
}
