package dev.tunebench.perf;

import java.util.Objects;

/**
 * How one perf block was measured: model, scenario, batch size, concurrency (runners serving at once),
 * arrival rate (null when closed loop or not a server scenario), the runner's device and intra-op
 * threads, the warm-up requests actually run and the generation length.
 */
public record BlockSetup(String model, Scenario scenario, int batchSize, int concurrency, Double rate,
                         String runner, String device, int threads, long warmupRequests, int maxNewTokens,
                         int workers) {
    public BlockSetup {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(scenario, "scenario");
    }
}
