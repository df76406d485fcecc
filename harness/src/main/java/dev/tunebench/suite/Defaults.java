package dev.tunebench.suite;

import dev.tunebench.spi.Decoding;

/** Every default a suite can leave out, in one place (field-level defaults of transforms live on their records). */
public final class Defaults {
    private Defaults() {
    }

    public static final int MAX_NEW_TOKENS = 128;
    public static final Decoding DECODING = Decoding.greedy();
    public static final double TOP_P = 1.0;
    public static final int TOP_K = 0;

    public static final String RUNNER_TYPE = "onnx";
    public static final String DEVICE = "cpu";
    /** 0 lets the runtime choose. */
    public static final int THREADS = 0;
    public static final int BATCH_SIZE = 8;

    public static final int REPEATS = 1;
    public static final long SEED = 0;

    public static final String CURRENCY = "USD";
    /** Days over which a fine-tune's one-off training cost is spread in the economics. */
    public static final int HORIZON_DAYS = 90;

    public static final int PATIENCE = 1;
    public static final int KEEP_LAST = 1;
}
