package dev.tunebench.run;

import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.RunnerSettings;

import java.nio.file.Path;

/** A runner factory that hands out one given runner: engine tests with a runner made in the test. */
final class FixedRunner {
    private FixedRunner() {
    }

    static RunnerFactory factory(String id, Runner runner) {
        return new RunnerFactory() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Runner open(Path modelDir, RunnerSettings settings) {
                return runner;
            }
        };
    }
}
