package dev.tunebench.run;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.suite.ModelSpec;

import java.util.List;

/** Checks every model's runner settings before anything runs, so a bad key or endpoint setting exits 2 at once. */
public final class RunnerChecks {
    private RunnerChecks() {
    }

    public static void check(List<ModelSpec> models) {
        for (ModelSpec m : models) {
            try {
                RunnerFactories.find(m.runnerType()).check(m.folder().orElse(null), m.runner());
            } catch (InputException e) {
                throw new InputException("model '" + m.id() + "': " + e.getMessage(), e);
            }
        }
    }
}
