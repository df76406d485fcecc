package dev.tunebench.gate;

import java.util.List;

/**
 * The go/no-go decision of a run: go when no gate blocks (see {@link GateOutcome#blocks()}). Carries what
 * the decision was made against, for gate.json: the blessed baseline file (or null), whether its data
 * differed (then blessed comparisons were unpaired), and warnings people must see.
 */
public record GateDecision(String suite, String baselineFile, boolean dataChanged, List<GateOutcome> outcomes,
                           List<String> warnings) {

    public GateDecision {
        outcomes = List.copyOf(outcomes);
        warnings = List.copyOf(warnings);
    }

    public boolean go() {
        return outcomes.stream().noneMatch(GateOutcome::blocks);
    }

    public List<GateOutcome> blocking() {
        return outcomes.stream().filter(GateOutcome::blocks).toList();
    }
}
