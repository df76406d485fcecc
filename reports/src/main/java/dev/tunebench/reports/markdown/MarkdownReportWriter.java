package dev.tunebench.reports.markdown;

import dev.tunebench.reports.Column;
import dev.tunebench.reports.Delta;
import dev.tunebench.reports.Gate;
import dev.tunebench.reports.GateReport;
import dev.tunebench.reports.Matrix;
import dev.tunebench.reports.RunFolder;
import dev.tunebench.reports.RunSummary;
import dev.tunebench.reports.ScoreTable;
import dev.tunebench.spi.ReportWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** summary.md: the verdict and the matrix as Markdown, for a pull request comment or a CI job summary. */
public final class MarkdownReportWriter implements ReportWriter {
    /** The columns that fit a PR comment; the HTML report has them all. */
    private static final List<Column> COLUMNS = List.of(Column.ACCURACY, Column.FORMAT_ADHERENCE,
            Column.COMPLETION_TOKENS, Column.COST, Column.LATENCY_P95, Column.THROUGHPUT);

    @Override
    public String id() {
        return "markdown";
    }

    @Override
    public String fileName() {
        return "summary.md";
    }

    @Override
    public void write(Path runDir, Path out) throws IOException {
        RunFolder run = RunFolder.open(runDir);
        Files.writeString(out, render(run), StandardCharsets.UTF_8);
    }

    static String render(RunFolder run) {
        RunSummary s = run.summary();
        StringBuilder md = new StringBuilder();
        md.append("## tunebench · ").append(Md.esc(s.suite())).append("\n\n");
        if (!s.complete()) {
            md.append("> **Incomplete run**").append(s.incompleteReason() == null ? "" : ": " + Md.esc(s.incompleteReason()))
                    .append("\n\n");
        }
        for (String w : s.warnings()) {
            md.append("> **Warning**: ").append(Md.esc(w)).append("\n\n");
        }
        gates(md, run.gates());
        if (s.best() != null) {
            md.append("Best checkpoint: **").append(Md.esc(s.best().model())).append("** by ")
                    .append(Md.esc(s.best().criterion()))
                    .append(s.best().note() == null ? "" : " (note: " + Md.esc(s.best().note()) + ")").append("\n\n");
        }
        matrix(md, Matrix.of(s));
        scores(md, ScoreTable.of(s));
        return md.toString();
    }

    private static void scores(StringBuilder md, ScoreTable t) {
        if (t.isEmpty()) {
            return;
        }
        md.append("\n**Scores by scorer** (mean score: a pass rate, or a mean for graded scorers; "
                + "rouge, bleu, chrf, edit_distance, embedding_similarity with their 95% interval, BLEU and chrF as "
                + "corpus figures; a judge's unscored rows are counted beside its mean, a pairwise judge's mean is its "
                + "win rate)\n\n| Model | Technique | ")
                .append(t.scorers().stream().map(Md::esc).collect(Collectors.joining(" | ")))
                .append(" |\n|").append(" --- |".repeat(t.scorers().size() + 2)).append('\n');
        for (ScoreTable.Row r : t.rows()) {
            md.append("| ").append(Md.esc(r.key().model())).append(" | ").append(Md.esc(r.key().technique())).append(" | ")
                    .append(String.join(" | ", r.values())).append(" |\n");
        }
    }

    private static void gates(StringBuilder md, GateReport gates) {
        if (gates == null) {
            return;
        }
        md.append("**").append(gates.go() ? "GO" : "NO-GO").append("**\n\n| Gate | Applies to | Value | Outcome | Why |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (Gate g : gates.gates()) {
            md.append("| ").append(Md.esc(g.rule())).append(" | ").append(Md.esc(g.scope())).append(" | ")
                    .append(g.value() == null ? "–" : Md.esc(String.format(java.util.Locale.ROOT, "%.4g", g.value())))
                    .append(" | ").append(g.passed() ? "✅ pass" : g.failed() ? "❌ fail" : "⚠️ " + Md.esc(g.outcome()))
                    .append(" | ").append(Md.esc(g.reason())).append(" |\n");
        }
        md.append('\n');
    }

    private static void matrix(StringBuilder md, Matrix m) {
        md.append("| Model | Technique | n | ")
                .append(COLUMNS.stream().map(Column::label).map(Md::esc).collect(Collectors.joining(" | ")))
                .append(" |\n|").append(" --- |".repeat(COLUMNS.size() + 3)).append('\n');
        for (Matrix.Row r : m.rows()) {
            md.append("| ").append(Md.esc(r.key().model())).append(r.baseline() ? " (baseline)" : "").append(" | ")
                    .append(Md.esc(r.key().technique())).append(" | ").append(r.n())
                    .append(r.unsupported() == null ? "" : "<br>unsupported: " + Md.esc(r.unsupported())).append(" |");
            for (Column c : COLUMNS) {
                Matrix.Entry e = r.entry(c);
                md.append(' ').append(Md.esc(e.value()));
                for (Delta d : e.deltas()) {
                    md.append("<br>").append(Md.esc(d.difference() + " " + d.against())).append(' ').append(mark(d))
                            .append(d.p().isEmpty() ? "" : " " + Md.esc(d.p()));
                }
                md.append(" |");
            }
            md.append('\n');
        }
        md.append("\n").append(Md.esc(m.deltaNote())).append('\n');
    }

    private static String mark(Delta d) {
        return switch (d.css()) {
            case "better" -> "🟢 better";
            case "worse" -> "🔴 worse";
            case "nsd" -> "⚪ n.s.";
            default -> "untested";
        };
    }
}
