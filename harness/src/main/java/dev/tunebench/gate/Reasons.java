package dev.tunebench.gate;

import dev.tunebench.stats.MetricDirection;

/** Decisions and their one-sentence explanations, so a reader of gate.json sees why without the maths. */
final class Reasons {
    private Reasons() {
    }

    static GateOutcome threshold(GateRule.Threshold t, Measurement m) {
        String rule = t.op().symbol() + " " + Numbers.plain(t.limit());
        String interval = m.hasInterval() ? "95% interval [" + Numbers.figure(m.ciLow()) + ", " + Numbers.figure(m.ciHigh())
                + "]" + (m.method() == null ? "" : " (" + m.method() + (m.n() == null ? "" : ", n=" + m.n()) + ")") : null;
        String value = Numbers.figure(m.value());
        if (t.basis() == GateRule.Basis.INTERVAL) {
            if (!m.hasInterval()) {
                return GateOutcome.inconclusive(t, m, t.metric() + " has no interval to judge; use basis: value.");
            }
            boolean low = t.op().holds(m.ciLow(), t.limit());
            boolean high = t.op().holds(m.ciHigh(), t.limit());
            if (low && high) {
                return GateOutcome.pass(t, m, "the whole " + interval + " is " + rule + ".");
            }
            if (!low && !high) {
                return GateOutcome.fail(t, m, "the whole " + interval + " misses " + rule + ".");
            }
            return GateOutcome.inconclusive(t, m, "the " + interval + " straddles " + Numbers.plain(t.limit())
                    + ": more rows would tell.");
        }
        String context = interval == null ? "" : "; " + interval;
        boolean straddles = m.hasInterval()
                && t.op().holds(m.ciLow(), t.limit()) != t.op().holds(m.ciHigh(), t.limit());
        String note = straddles ? "; the interval straddles the limit, so the point figure decides (basis: interval would not)" : "";
        return t.op().holds(m.value(), t.limit())
                ? GateOutcome.pass(t, m, value + " " + rule + context + note + ".")
                : GateOutcome.fail(t, m, value + " is not " + rule + context + note + ".");
    }

    /**
     * Names the figures, the interval and the bound that decided. For lower-is-better metrics the worst case
     * is the upper bound and the margin lies above zero.
     */
    static String relative(GateRule.Relative r, Difference d, String reference, Outcome outcome) {
        boolean higher = r.rowMetric().direction() == MetricDirection.HIGHER_IS_BETTER;
        String lo = Numbers.signed(d.interval().low());
        String hi = Numbers.signed(d.interval().high());
        String worst = higher ? lo : hi;
        String best = higher ? hi : lo;
        double edge = r.hypothesis() == Hypothesis.SUPERIORITY ? r.margin() : -r.margin();
        String limit = Numbers.signedPlain(higher ? edge : -edge);
        String facts = Numbers.figure(d.candidate()) + " vs " + Numbers.figure(d.reference()) + " (" + reference + "): "
                + "difference " + Numbers.signed(d.difference()) + ", one-sided " + Numbers.percent(r.confidence())
                + " bounds [" + lo + ", " + hi + "] (" + d.interval().method() + ", " + d.test()
                + (d.pValue() == null ? "" : " p" + (d.pValue() < 1e-4 ? "" : "=") + Numbers.p(d.pValue())) + ", n=" + d.n()
                + (d.paired() ? " paired rows" : ", UNPAIRED: the data changed") + ")"
                + (higher ? "" : "; lower is better") + "; ";
        String verdict = switch (r.hypothesis()) {
            case NON_INFERIORITY -> switch (outcome) {
                case PASS -> "the worst case " + worst + " clears the margin " + limit + ": not worse by more than it";
                case FAIL -> "even the best case " + best + " is past the margin " + limit + ": worse by more than it";
                case INCONCLUSIVE -> "the bounds straddle the margin " + limit + ": cannot rule out being worse by more "
                        + "than it; more rows would tell";
            };
            case SUPERIORITY -> switch (outcome) {
                case PASS -> "the worst case " + worst + " beats " + limit + ": better";
                case FAIL -> "even the best case " + best + " does not beat " + limit + ": not better";
                case INCONCLUSIVE -> "the bounds straddle " + limit + ": not shown to be better; more rows would tell";
            };
            case NO_REGRESSION -> outcome == Outcome.FAIL
                    ? "even the best case " + best + " is past " + limit + ": a significant regression"
                    : "the best case " + best + " is not past " + limit + ": no significant regression";
        };
        return facts + verdict + ".";
    }
}
