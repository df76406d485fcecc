package dev.tunebench.gate;

import java.util.Locale;

/**
 * One rule of a suite's {@code gates:} section (see docs/suite-format.md#gates), or the run-wide rule that a
 * gated run must be complete. {@code label} is the suite's optional {@code name}; {@link #inconclusivePasses()}
 * is the rule's {@code on_inconclusive: pass}.
 */
public sealed interface GateRule permits GateRule.Threshold, GateRule.Relative, GateRule.RunComplete {

    /** The name shown in reports: the suite's {@code name}, or the cell and the rule text. */
    String name();

    /** The model × technique the rule measures; null for run-wide rules. */
    Cell cell();

    /** The summary metric; null for run-wide rules. */
    String metric();

    boolean inconclusivePasses();

    /** The rule as people read it, e.g. {@code accuracy >= 0.75}. */
    String describe();

    /** gate.json {@code kind}: {@code threshold}, {@code baseline}, {@code blessed} or {@code run}. */
    String kind();

    /** Where a threshold looks: the point value (default), or the whole 95% interval. */
    enum Basis {
        VALUE,
        INTERVAL;

        public String suiteName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code metric op limit} on the cell's summary figure, e.g. {@code latency_ms_p95 <= 250}. */
    record Threshold(String label, Cell cell, String metric, Op op, double limit, Basis basis,
                     boolean inconclusivePasses) implements GateRule {
        @Override
        public String name() {
            return label != null ? label : cell + " " + describe();
        }

        @Override
        public String describe() {
            return metric + " " + op.symbol() + " " + Numbers.plain(limit)
                    + (basis == Basis.INTERVAL ? " (whole 95% interval)" : "");
        }

        @Override
        public String kind() {
            return "threshold";
        }
    }

    /**
     * The cell against a reference on the same rows: the suite's baseline model in this run, or the blessed
     * baseline run. {@code confidence} is one-sided; {@code margin} is in the metric's units.
     */
    record Relative(String label, Cell cell, PairedMetric rowMetric, Against against, Hypothesis hypothesis,
                    double margin, double confidence, boolean inconclusivePasses) implements GateRule {
        @Override
        public String name() {
            return label != null ? label : cell + " " + describe();
        }

        @Override
        public String metric() {
            return rowMetric.summaryName();
        }

        @Override
        public String describe() {
            String reference = against == Against.BASELINE ? "baseline" : "blessed";
            String level = ", one-sided " + Numbers.percent(confidence);
            String marginText = margin == 0 ? "" : " by more than " + Numbers.plain(margin);
            return switch (hypothesis) {
                case NON_INFERIORITY -> metric() + " not worse than " + reference + marginText + level;
                case SUPERIORITY -> metric() + " better than " + reference + marginText + level;
                case NO_REGRESSION -> metric() + " no significant regression vs " + reference + marginText + level;
            };
        }

        @Override
        public String kind() {
            return against.suiteName();
        }
    }

    /** An interrupted run, or one where a model failed, has partial figures: gating it would mislead. */
    record RunComplete() implements GateRule {
        @Override
        public String name() {
            return describe();
        }

        @Override
        public Cell cell() {
            return null;
        }

        @Override
        public String metric() {
            return null;
        }

        @Override
        public boolean inconclusivePasses() {
            return false;
        }

        @Override
        public String describe() {
            return "run complete";
        }

        @Override
        public String kind() {
            return "run";
        }
    }
}
