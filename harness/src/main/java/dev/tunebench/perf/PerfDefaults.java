package dev.tunebench.perf;

import java.util.List;

/** Every default of a perf scenario, in one place; `tunebench bench` and a suite's perf section share them. */
public final class PerfDefaults {
    /**
     * Warm-up per block. Measured on the demo model: throughput keeps rising for the first ~1,000
     * requests (the JIT compiles template, tokenizer and decode-loop code; ONNX Runtime sizes its arena
     * for each new shape), about 5 s; a warm-up of 8 requests measured ~40% below steady state.
     */
    public static final double WARMUP_SECONDS = 5;
    /** Three trials give a Student-t interval with two degrees of freedom: wide, but honest. */
    public static final int TRIALS = 3;
    public static final List<Integer> OFFLINE_BATCH_SIZES = List.of(1, 2, 4, 8, 16);
    public static final int CONCURRENCY = 1;
    /** Seeds the Poisson arrival times of the server scenario. */
    public static final long SEED = 1234;

    private PerfDefaults() {
    }
}
