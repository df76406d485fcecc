package dev.tunebench.runners.onnx;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The weight variants a hub folder ships side by side under {@code onnx/}, named and suffixed as
 * transformers.js does ({@code utils/dtypes.js}): {@code model.onnx} is fp32, {@code model_q4.onnx} q4...
 * {@code quantized} is accepted as another name of q8, whose files end in {@code _quantized}.
 */
enum GraphVariant {
    FP32("fp32", ""),
    FP16("fp16", "_fp16"),
    Q8("q8", "_quantized"),
    INT8("int8", "_int8"),
    UINT8("uint8", "_uint8"),
    Q4("q4", "_q4"),
    Q4F16("q4f16", "_q4f16"),
    BNB4("bnb4", "_bnb4");

    /** The names a suite may write, for messages. */
    static final String NAMES = "fp32, fp16, q8 (or quantized), int8, uint8, q4, q4f16, bnb4";

    final String wireName;
    final String suffix;

    GraphVariant(String wireName, String suffix) {
        this.wireName = wireName;
        this.suffix = suffix;
    }

    static Optional<GraphVariant> parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("quantized")) {
            return Optional.of(Q8);
        }
        return Arrays.stream(values()).filter(v -> v.wireName.equals(n)).findFirst();
    }

    static Optional<GraphVariant> ofSuffix(String suffix) {
        return Arrays.stream(values()).filter(v -> v.suffix.equals(suffix)).findFirst();
    }
}
