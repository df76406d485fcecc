package dev.tunebench.gate;

/** One gate's result: the rule, what it measured, pass / fail / inconclusive, and why in one sentence. */
public record GateOutcome(GateRule rule, Outcome outcome, Measurement measurement, String reason) {

    public static GateOutcome pass(GateRule rule, Measurement measurement, String reason) {
        return new GateOutcome(rule, Outcome.PASS, measurement, reason);
    }

    public static GateOutcome fail(GateRule rule, Measurement measurement, String reason) {
        return new GateOutcome(rule, Outcome.FAIL, measurement, reason);
    }

    public static GateOutcome inconclusive(GateRule rule, Measurement measurement, String reason) {
        return new GateOutcome(rule, Outcome.INCONCLUSIVE, measurement, reason);
    }

    static GateOutcome of(Outcome outcome, GateRule rule, Measurement measurement, String reason) {
        return new GateOutcome(rule, outcome, measurement, reason);
    }

    /**
     * Whether this gate stops a release: a fail always; an inconclusive one unless the rule says
     * {@code on_inconclusive: pass}, because "we could not tell" is not evidence that a release is safe.
     */
    public boolean blocks() {
        return outcome == Outcome.FAIL || (outcome == Outcome.INCONCLUSIVE && !rule.inconclusivePasses());
    }
}
