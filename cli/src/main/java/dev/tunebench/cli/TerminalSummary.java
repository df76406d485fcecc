package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.Locale;

/** The end-of-run table: model × technique with quality, tokens, cost and latency; then checkpoints. */
final class TerminalSummary {
    private TerminalSummary() {
    }

    static void print(JsonNode summary, PrintWriter out) {
        String currency = summary.path("currency").asText("");
        out.println(String.format(Locale.ROOT, "%-16s %-20s %5s %-17s %-17s %7s %7s %12s %9s",
                "model", "technique", "n", "accuracy [95% CI]", "format [95% CI]", "prompt", "compl.",
                "cost/1k " + currency, "p50 ms"));
        for (JsonNode r : summary.path("results")) {
            JsonNode m = r.path("metrics");
            out.println(String.format(Locale.ROOT, "%-16s %-20s %5d %-17s %-17s %7s %7s %12s %9s",
                    clip(r.path("model").asText(), 16), clip(r.path("technique").asText(), 20), r.path("n").asInt(),
                    proportion(m.path("accuracy")), proportion(m.path("format_adherence")),
                    number(m.path("prompt_tokens_mean"), "%.1f"), number(m.path("completion_tokens_mean"), "%.1f"),
                    number(m.path("cost_per_1k_requests"), "%.4f"), number(m.path("latency_ms_p50"), "%.2f")));
            if (r.hasNonNull("unsupported")) {
                out.println("  unsupported: " + r.path("unsupported").asText());
            }
            if (r.path("missing_samples").asInt() > 0) {
                out.println("  missing: " + r.path("missing_samples").asInt() + " request(s) the replay file has no line for, e.g. "
                        + r.path("missing_rows"));
            }
            if (r.hasNonNull("latency_note")) {
                out.println("  " + r.path("latency_note").asText());
            }
            int errors = r.path("errors").asInt();
            if (errors > 0) {
                out.println(String.format(Locale.ROOT, "  errors: %d of %d (error rate %.1f%%); accuracy over the %d answered rows",
                        errors, r.path("n").asInt(), 100.0 * errors / r.path("n").asInt(), r.path("n").asInt() - errors));
            }
            JsonNode tokens = r.path("local_tokens");
            if (tokens.path("mismatch").asBoolean()) {
                out.println("  [WARNING] " + tokens.path("mismatch_reason").asText());
            }
        }
        printMde(summary, out);
        JsonNode checkpoints = summary.path("checkpoints");
        if (checkpoints.size() > 0) {
            out.println();
            out.println("checkpoints (validation loss = mean NLL per assistant token on the validation set):");
            for (JsonNode c : checkpoints) {
                out.println(String.format(Locale.ROOT, "  %-16s epoch %-4s validation loss %-8s train loss %s",
                        clip(c.path("model").asText(), 16), c.path("epoch").isNull() ? "-" : c.path("epoch").asText(),
                        number(c.path("validation_loss"), "%.4f"), number(c.path("train_loss"), "%.4f")));
            }
            JsonNode best = summary.path("best_checkpoint");
            if (!best.isMissingNode() && !best.isNull()) {
                out.println(String.format(Locale.ROOT, "  best checkpoint: %s (%s %.4f)", best.path("model").asText(),
                        best.path("criterion").asText(), best.path("value").asDouble()));
                if (summary.hasNonNull("checkpoint_note")) {
                    out.println("  note: " + summary.path("checkpoint_note").asText());
                }
            }
            JsonNode over = summary.path("overfitting");
            if (!over.isMissingNode() && !over.isNull()) {
                out.println("  overfitting: " + (over.path("detected").asBoolean() ? "DETECTED from " + over.path("from_model").asText() : "no")
                        + " (" + over.path("reason").asText() + ")");
            }
            JsonNode keep = summary.path("retention").path("keep");
            if (keep.size() > 0) {
                out.println("  retention: keep " + keep + ", may delete " + summary.path("retention").path("may_delete"));
            }
        }
        if (!summary.path("complete").asBoolean(true)) {
            out.println();
            out.println("[WARNING] run incomplete: " + summary.path("incomplete_reason").asText());
        }
    }

    /** The smallest paired accuracy difference this set could detect, so a team knows when it is too small. */
    private static void printMde(JsonNode summary, PrintWriter out) {
        java.util.List<Double> mdes = new java.util.ArrayList<>();
        for (JsonNode c : summary.path("comparisons")) {
            if (c.path("metric").asText().equals("accuracy") && c.path("kind").asText().equals("candidate-vs-baseline")
                    && c.path("mde").isNumber()) {
                mdes.add(c.path("mde").asDouble());
            }
        }
        if (!mdes.isEmpty()) {
            mdes.sort(null);
            out.println(String.format(Locale.ROOT, "minimum detectable accuracy difference vs baseline: ~%.1f points "
                    + "(McNemar, alpha 0.05, power 0.8, median over comparisons)", 100 * mdes.get(mdes.size() / 2)));
        }
    }

    private static String proportion(JsonNode m) {
        if (!m.path("value").isNumber()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.3f [%.2f,%.2f]", m.path("value").asDouble(),
                m.path("ci_low").asDouble(), m.path("ci_high").asDouble());
    }

    private static String number(JsonNode m, String format) {
        JsonNode v = m.isNumber() ? m : m.path("value");
        return v.isNumber() ? String.format(Locale.ROOT, format, v.asDouble()) : "-";
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
