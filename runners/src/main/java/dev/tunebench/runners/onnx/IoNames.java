package dev.tunebench.runners.onnx;

/**
 * Input/output names of a causal-LM graph; the cache names are patterns with {@code %d} for the layer.
 * {@link #HF} is the Hugging Face optimum export; ONNX Runtime GenAI folders spell theirs out in
 * {@code genai_config.json}.
 */
record IoNames(
        String inputIds,
        String attentionMask,
        String positionIds,
        String pastKey,
        String pastValue,
        String logits,
        String presentKey,
        String presentValue) {

    static final IoNames HF = new IoNames("input_ids", "attention_mask", "position_ids",
            "past_key_values.%d.key", "past_key_values.%d.value", "logits", "present.%d.key", "present.%d.value");

    static String layer(String pattern, int layer) {
        return pattern.replace("%d", Integer.toString(layer));
    }
}
