package dev.tunebench.spi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds runner factories on the class path by id; duplicate ids fail fast naming the id. */
public final class RunnerFactories {
    private RunnerFactories() {
    }

    public static RunnerFactory find(String id) {
        Map<String, RunnerFactory> byId = new HashMap<>();
        for (RunnerFactory f : ServiceLoader.load(RunnerFactory.class)) {
            RunnerFactory previous = byId.putIfAbsent(f.id(), f);
            if (previous != null) {
                throw new IllegalStateException("two runner factories share the id '" + f.id() + "': "
                        + previous.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        RunnerFactory found = byId.get(id);
        if (found == null) {
            List<String> known = new ArrayList<>(byId.keySet());
            known.sort(null);
            throw new InputException("unknown runner '" + id + "'; available: " + known
                    + ". Set `runner: {type: ...}` in the suite to one of these.");
        }
        return found;
    }
}
