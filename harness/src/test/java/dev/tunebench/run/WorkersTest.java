package dev.tunebench.run;

import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.RunnerSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkersTest {
    private static RunnerFactory factory(boolean shared) {
        return new RunnerFactory() {
            @Override
            public String id() {
                return "test";
            }

            @Override
            public boolean sharedByWorkers() {
                return shared;
            }

            @Override
            public Runner open(Path modelDir, RunnerSettings settings) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void theDefaultIsTheCoresLeftToEachWorkersThreads() {
        assertEquals(16, Workers.resolve(new RunnerSettings("cpu", 1, 8), factory(true), 16));
        assertEquals(4, Workers.resolve(new RunnerSettings("cpu", 4, 8), factory(true), 16));
        assertEquals(1, Workers.resolve(new RunnerSettings("cpu", 0, 8), factory(true), 16), "runtime threads use every core");
        assertEquals(1, Workers.resolve(new RunnerSettings("cpu", 8, 8), factory(true), 2));
    }

    @Test
    void aSetCountWinsAndAnUnsharedRunnerGetsOne() {
        assertEquals(3, Workers.resolve(new RunnerSettings("cpu", 1, 8).withWorkers(3), factory(true), 16));
        assertEquals(1, Workers.resolve(new RunnerSettings("cpu", 1, 8).withWorkers(3), factory(false), 16));
    }
}
