package dev.tunebench.cli;

import dev.tunebench.datacheck.DataCheck;
import dev.tunebench.datacheck.LabelShares;
import dev.tunebench.datacheck.Overlap;
import dev.tunebench.datacheck.TokenFigures;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The text output of {@code data check}: findings first (they decide the exit code), then the figures. */
final class DataCheckText {
    /** Pairs beyond this many are counted, not listed; --json lists them all. */
    private static final int LISTED = 20;

    private DataCheckText() {
    }

    static void print(DataCheck c, Path model, PrintWriter out) {
        out.println("file: " + c.file().file() + " (" + c.file().lines() + " lines, " + c.figures().examples()
                + " well-formed examples)");
        if (c.file().findings().isEmpty()) {
            out.println("format: OK" + (c.figures().examples() == 0 ? ", but the file has no example: a service rejects it" : ""));
        } else {
            out.println("format: " + c.file().findings().size() + " problem(s); a fine-tuning service would reject this file:");
            c.file().findings().forEach(f -> out.println("  " + c.file().file().getFileName() + ":" + f.line() + ": "
                    + (f.field().isEmpty() ? "" : f.field() + ": ") + f.message()));
        }
        out.println(String.format(Locale.ROOT, "turns per example: min %d, mean %.1f, max %d",
                c.figures().turnsMin(), c.figures().turnsMean(), c.figures().turnsMax()));
        tokens(c.tokens(), model, out);
        pairs("duplicates inside the file", c.duplicates(), out, "lines");
        labels("expected answers", c.labels(), out);
        for (DataCheck.Against a : c.against()) {
            out.println();
            out.println("against " + a.file().file() + " (" + a.file().examples().size() + " examples"
                    + (a.file().findings().isEmpty() ? "" : ", " + a.file().findings().size() + " format problem(s) there")
                    + "):");
            pairs("overlap with the training file", a.pairs(), out, "train line / other line");
            if (a.labelComparison() != null) {
                LabelShares.Comparison cmp = a.labelComparison();
                out.println(String.format(Locale.ROOT, "  answer distribution: total variation %.3f from the training "
                        + "file's, chi-square p = %.3g%s", cmp.totalVariation(), cmp.pValue(),
                        cmp.differs() ? "  WARNING: differs from the training file's (p < " + LabelShares.ALPHA + ")" : ""));
                labels("  its answers", a.labels(), out);
            }
        }
    }

    private static void tokens(TokenFigures t, Path model, PrintWriter out) {
        if (t == null) {
            out.println("tokens: give --model DIR to count with a model's tokenizer and chat template");
            return;
        }
        TokenFigures.Distribution d = t.tokens();
        out.println(String.format(Locale.ROOT, "tokens per example (%s): min %.0f, mean %.1f, p50 %.1f, p95 %.1f, max %.0f",
                model, d.min(), d.mean(), d.p50(), d.p95(), d.max()));
        out.println("tokens that count for loss: " + t.lossTokens());
        if (t.contextLength() > 0) {
            out.println("longer than the model's context of " + t.contextLength() + " tokens (would be truncated): "
                    + (t.overContext().isEmpty() ? "none" : t.overContext().size() + ", lines " + head(t.overContext())));
        }
        out.println("billed training tokens: " + t.tokensPerEpoch() + " per epoch x " + t.epochs() + " epochs = "
                + t.billedTokens() + (t.epochsSource().equals("given") ? " (--epochs)" : " (epochs: " + t.epochsSource()
                + "; give --epochs for your own)"));
    }

    private static void pairs(String title, List<Overlap.Pair> pairs, PrintWriter out, String columns) {
        long exact = pairs.stream().filter(Overlap.Pair::exact).count();
        out.println(title + ": " + (pairs.isEmpty() ? "none" : exact + " exact, " + (pairs.size() - exact)
                + " near (word 3-gram Jaccard >= " + Overlap.THRESHOLD + "), " + Overlap.linesInvolved(pairs)
                + " lines involved" + (pairs.size() > LISTED ? "; first " + LISTED + " (" + columns + "):" : " (" + columns + "):")));
        for (Overlap.Pair p : pairs.subList(0, Math.min(LISTED, pairs.size()))) {
            out.println(String.format(Locale.ROOT, "  %d / %d  %s%s", p.line(), p.otherLine(),
                    p.exact() ? "exact" : String.format(Locale.ROOT, "near %.2f", p.similarity()),
                    p.sameAnswer() ? "" : ", different answers"));
        }
    }

    private static void labels(String title, LabelShares l, PrintWriter out) {
        if (l == null) {
            out.println(title + ": not classification-like (more than " + LabelShares.MAX_LABELS
                    + " distinct answers, or most answers unique)");
            return;
        }
        StringBuilder line = new StringBuilder(title + ": " + l.counts().size() + " labels:");
        l.counts().forEach((label, n) -> line.append(String.format(Locale.ROOT, " %s %.1f%%", label, 100 * l.share(label))));
        out.println(line);
    }

    private static String head(List<Integer> lines) {
        return lines.size() <= LISTED ? lines.toString() : lines.subList(0, LISTED) + " and " + (lines.size() - LISTED) + " more";
    }
}
