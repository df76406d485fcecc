package dev.tunebench.cli;

import dev.tunebench.gate.GateDecision;
import dev.tunebench.gate.GateOutcome;
import dev.tunebench.gate.Measurement;
import dev.tunebench.gate.Outcome;

import java.io.PrintWriter;
import java.util.Locale;

/** The go/no-go table on the terminal: one line per gate with its figure, then why. */
final class GateTable {
    private GateTable() {
    }

    static void print(GateDecision decision, PrintWriter out) {
        out.println(String.format(Locale.ROOT, "%-13s %-60s %s", "outcome", "gate", "value [interval]"));
        for (GateOutcome o : decision.outcomes()) {
            String outcome = o.outcome().name() + (o.outcome() == Outcome.INCONCLUSIVE && !o.blocks() ? " (ok)" : "");
            out.println(String.format(Locale.ROOT, "%-13s %-60s %s", outcome, clip(o.rule().name(), 60), figure(o.measurement())));
            out.println("              " + o.reason());
        }
        long pass = count(decision, Outcome.PASS);
        long fail = count(decision, Outcome.FAIL);
        long inconclusive = count(decision, Outcome.INCONCLUSIVE);
        out.println();
        out.println("decision: " + (decision.go() ? "GO" : "NO-GO") + " (" + decision.outcomes().size() + " gates: "
                + pass + " pass, " + fail + " fail, " + inconclusive + " inconclusive"
                + (decision.go() ? "" : "; " + decision.blocking().size() + " blocking") + ")");
    }

    private static long count(GateDecision d, Outcome outcome) {
        return d.outcomes().stream().filter(o -> o.outcome() == outcome).count();
    }

    private static String figure(Measurement m) {
        if (m.value() == null) {
            return "–";
        }
        String value = String.format(Locale.ROOT, "%.4g", m.value());
        return m.hasInterval() ? value + String.format(Locale.ROOT, " [%.4g, %.4g]", m.ciLow(), m.ciHigh()) : value;
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
