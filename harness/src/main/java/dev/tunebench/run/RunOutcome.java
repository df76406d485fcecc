package dev.tunebench.run;

import java.util.List;
import java.util.Map;

/**
 * How the engine ended: complete, or with the models that failed (and why) or an interruption.
 * {@code validationLoss} maps model id to its validation loss when computed.
 */
public record RunOutcome(boolean complete, List<String> problems, Map<String, ValidationLoss> validationLoss) {

    public RunOutcome {
        problems = List.copyOf(problems);
        validationLoss = Map.copyOf(validationLoss);
    }

    /** Mean NLL per weighted assistant token over a validation file. */
    public record ValidationLoss(double loss, long tokens, int rows) {
    }
}
