package dev.tunebench.scoring;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tunebench.spi.InputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds scorers from specs written inline, as a suite loader would pass them. */
final class Specs {
    static final String WHERE = "suite.yaml: scorers[0]";

    private Specs() {
    }

    static ScorerSpec spec(String type, Object... keysAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new ScorerSpec("s", type, params, WHERE);
    }

    static Scorer scorer(String type, Object... keysAndValues) {
        return Scorers.create(spec(type, keysAndValues));
    }

    static Scorer scorerIn(Path baseDir, String type, Object... keysAndValues) {
        return Scorers.create(spec(type, keysAndValues), baseDir);
    }

    /** The message of the InputException creating the scorer throws. */
    static String rejected(String type, Object... keysAndValues) {
        return assertThrows(InputException.class, () -> scorer(type, keysAndValues)).getMessage();
    }
}
