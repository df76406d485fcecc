package dev.tunebench.cli;

import dev.tunebench.data.DatasetReader;
import dev.tunebench.data.Row;
import dev.tunebench.run.RunOptions;
import dev.tunebench.run.SuitePlanner;
import dev.tunebench.runners.onnx.LocalTokenizer;
import dev.tunebench.scoring.JudgeScorer;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.suite.CostTable;
import dev.tunebench.suite.ModelSpec;
import dev.tunebench.suite.Suite;
import dev.tunebench.technique.Technique;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a run would send and cost, before it sends anything ({@code run --dry-run}): requests per model, prompt
 * tokens counted with the model's own tokenizer where there is one (an ONNX folder, or a served model's
 * {@code tokenizer:}) and estimated at 4 characters a token otherwise (said so), completion tokens at most
 * {@code max_new_tokens} each, and the cost at the suite's prices; plus the calls each judge scorer makes.
 */
final class CostEstimate {
    /** A rough rule for English text with BPE tokenizers; only used where no tokenizer is at hand, and said so. */
    private static final double CHARS_PER_TOKEN = 4.0;

    record Line(String model, long requests, long promptTokens, boolean counted, long maxCompletionTokens, Double cost) {
    }

    private CostEstimate() {
    }

    static List<Line> of(Suite suite, RunOptions options) {
        List<Technique> techniques = SuitePlanner.selectedTechniques(suite, options);
        List<Line> lines = new ArrayList<>();
        for (ModelSpec m : SuitePlanner.selectedModels(suite, options)) {
            Optional<Path> tokenizerDir = m.folder().isPresent() && m.runnerType().equals("onnx") ? m.folder()
                    : m.runner().options().path("tokenizer");
            long requests = 0;
            long promptTokens = 0;
            try (LocalTokenizer tokenizer = tokenizerDir.map(LocalTokenizer::open).orElse(null);
                 Stream<Row> rows = DatasetReader.open(suite.eval())) {
                Stream<Row> limited = options.limit() > 0 ? rows.limit(options.limit()) : rows;
                for (Row row : (Iterable<Row>) limited::iterator) {
                    for (Technique t : techniques) {
                        if (!options.shard().owns(m.id(), t.name(), row.index())) {
                            continue;
                        }
                        Prompt p = t.apply(row);
                        long tokens = tokenizer != null ? tokenizer.promptTokens(p) : estimate(p);
                        requests += suite.repeats();
                        promptTokens += tokens * suite.repeats();
                    }
                }
                long maxCompletion = requests * m.generation().maxNewTokens();
                CostTable.Price price = suite.cost().priceFor(m.id()).orElse(null);
                Double total = price == null ? null
                        : (promptTokens * price.promptPer1k() + maxCompletion * price.completionPer1k()) / 1000;
                lines.add(new Line(m.id(), requests, promptTokens, tokenizer != null, maxCompletion, total));
            }
        }
        return lines;
    }

    private static long estimate(Prompt p) {
        long chars = p.assistantPrefix().length();
        for (Message m : p.messages()) {
            chars += m.content() == null ? 0 : m.content().length();
        }
        return (long) Math.ceil(chars / CHARS_PER_TOKEN);
    }

    static void print(Suite suite, RunOptions options, PrintWriter out) {
        List<Line> lines = of(suite, options);
        String currency = suite.cost().currency();
        out.printf(Locale.ROOT, "%-24s %10s %14s %22s %14s%n", "model", "requests", "prompt tokens", "completion tokens (max)",
                "cost " + currency);
        long requests = 0;
        double total = 0;
        boolean priced = true;
        boolean estimated = false;
        for (Line l : lines) {
            out.printf(Locale.ROOT, "%-24s %10d %14s %22d %14s%n", l.model(), l.requests(),
                    (l.counted() ? "" : "~") + l.promptTokens(), l.maxCompletionTokens(),
                    l.cost() == null ? "no price" : String.format(Locale.ROOT, "%.4f", l.cost()));
            requests += l.requests();
            total += l.cost() == null ? 0 : l.cost();
            priced &= l.cost() != null;
            estimated |= !l.counted();
        }
        out.printf(Locale.ROOT, "%-24s %10d %14s %22s %14s%n", "total", requests, "", "",
                String.format(Locale.ROOT, "%.4f", total) + (priced ? "" : " (priced models only)"));
        for (Scorer s : suite.scorers()) {
            if (s instanceof JudgeScorer judge) {
                out.println("judge scorer '" + judge.name() + "' (model " + judge.model().id() + "): " + requests
                        + " more requests, one per sample, not priced here");
            }
        }
        if (estimated) {
            out.println("~ estimated at " + (int) CHARS_PER_TOKEN + " characters a token: the model has no tokenizer here "
                    + "(give a served model tokenizer: to count exactly).");
        }
        out.println("Completion cost is the most it can be (max_new_tokens for every request); nothing was sent.");
    }
}
