package dev.tunebench.cli;

import dev.tunebench.data.DatasetReader;
import dev.tunebench.data.Row;
import dev.tunebench.results.SampleReader;
import dev.tunebench.run.RunOptions;
import dev.tunebench.run.SuitePlanner;
import dev.tunebench.runners.onnx.LocalTokenizer;
import dev.tunebench.scoring.JudgeModel;
import dev.tunebench.scoring.JudgeScorer;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.suite.CostTable;
import dev.tunebench.suite.ModelSpec;
import dev.tunebench.suite.Suite;
import dev.tunebench.technique.Technique;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a run would send and cost, before it sends anything ({@code run --dry-run}, {@code validate --estimate}):
 * requests per model, prompt tokens counted with the model's own tokenizer where there is one (an ONNX folder,
 * or a served model's {@code tokenizer:}) and estimated at 4 characters a token otherwise (said so), completion
 * tokens at most {@code max_new_tokens} each or the mean an earlier run measured ({@code --from}, or the store's
 * latest run of the suite), and the cost
 * at the suite's prices; then each judge scorer's calls ({@code samples} per answer), priced the same way;
 * repair requests, sent only for replies without a grade, are counted only where an earlier run measured how
 * many there were ({@code --from}), with its judges' mean completion length.
 */
final class CostEstimate {
    /** A rough rule for English text with BPE tokenizers; only used where no tokenizer is at hand, and said so. */
    private static final double CHARS_PER_TOKEN = 4.0;

    /**
     * @param counted  prompt tokens counted with a tokenizer (else estimated)
     * @param measured completion tokens from an earlier run's mean (else the most: max_new_tokens each)
     */
    record Line(String model, long requests, long promptTokens, boolean counted, long completionTokens, boolean measured,
                Double cost) {
    }

    /**
     * Each model's mean completion tokens measured earlier, each judge scorer's too (with how many requests an
     * answer took, repairs included), and where (for the note under the table); empty when none.
     */
    record Measured(Map<String, Double> means, Map<String, JudgeMeans> judges, String source) {
        static final Measured NONE = new Measured(Map.of(), Map.of(), null);

        /** The answered samples of an earlier run folder, and its judges' calls, read in one pass. */
        static Measured fromRun(Path runDir) {
            if (!Files.isRegularFile(runDir.resolve("samples.jsonl"))) {
                throw new InputException("--from: " + runDir + " holds no samples.jsonl; give the folder of an earlier run of"
                        + " this suite (runs/<suite>-<time>/).");
            }
            Map<String, double[]> completions = new HashMap<>();  // model: completion tokens, answered samples
            Map<String, long[]> judged = new HashMap<>();  // scorer: answers, requests + cached, sent with tokens, their completion tokens
            SampleReader.forEach(runDir, s -> {
                if (s.error() == null && s.completionTokens() != null) {
                    double[] acc = completions.computeIfAbsent(s.model(), k -> new double[2]);
                    acc[0] += s.completionTokens();
                    acc[1]++;
                }
                if (s.judgeCalls() != null) {
                    s.judgeCalls().forEach((name, c) -> {
                        long[] acc = judged.computeIfAbsent(name, k -> new long[4]);
                        acc[0]++;
                        acc[1] += c.requests() + (c.cached() == null ? 0 : c.cached());
                        if (c.completionTokens() != null) {
                            acc[2] += c.requests();
                            acc[3] += c.completionTokens();
                        }
                    });
                }
            });
            Map<String, Double> means = new HashMap<>();
            completions.forEach((model, acc) -> means.put(model, acc[0] / acc[1]));
            Map<String, JudgeMeans> judges = new HashMap<>();
            judged.forEach((name, acc) -> {
                if (acc[2] > 0) {
                    judges.put(name, new JudgeMeans((double) acc[1] / acc[0], (double) acc[3] / acc[2]));
                }
            });
            return new Measured(means, judges, runDir.toString());
        }

        /**
         * The latest run of {@code suite} in the store that has each model: its completion_tokens_mean over the
         * techniques, weighted by their samples. NONE without a store or such a run.
         */
        static Measured fromStore(dev.tunebench.store.SqliteStore store, String suite) {
            if (store == null) {
                return NONE;
            }
            Map<String, double[]> latest = new HashMap<>();
            Map<String, String> where = new HashMap<>();
            for (dev.tunebench.store.RunRecord run : store.runs(suite)) {  // oldest first: later runs replace earlier
                Map<String, double[]> sums = new HashMap<>();
                for (dev.tunebench.store.CellFigure f : run.cells()) {
                    if (f.metric().equals("completion_tokens_mean") && f.value() != null && f.n() != null && f.n() > 0) {
                        double[] acc = sums.computeIfAbsent(f.model(), k -> new double[2]);
                        acc[0] += f.value() * f.n();
                        acc[1] += f.n();
                    }
                }
                sums.forEach((model, acc) -> {
                    latest.put(model, acc);
                    where.put(model, run.runDir());
                });
            }
            if (latest.isEmpty()) {
                return NONE;
            }
            Map<String, Double> means = new HashMap<>();
            latest.forEach((model, acc) -> means.put(model, acc[0] / acc[1]));
            return new Measured(means, Map.of(), "the latest run of suite " + suite + " in the store (" + String.join(", ",
                    new java.util.TreeSet<>(where.values())) + ")");
        }
    }

    /** A judge scorer's requests per judged answer (repairs and cached replies included) and completion tokens per sent request. */
    record JudgeMeans(double requestsPerAnswer, double completionPerRequest) {
    }

    private CostEstimate() {
    }

    /** The models' lines, then one line per judge scorer. */
    static List<Line> of(Suite suite, RunOptions options, Path from) {
        return of(suite, options, from == null ? Measured.NONE : Measured.fromRun(from));
    }

    static List<Line> of(Suite suite, RunOptions options, Measured measuredRuns) {
        Map<String, Double> measured = measuredRuns.means();
        List<Technique> techniques = SuitePlanner.selectedTechniques(suite, options);
        List<JudgeScorer> judges = suite.scorers().stream().filter(JudgeScorer.class::isInstance).map(JudgeScorer.class::cast).toList();
        List<Line> lines = new ArrayList<>();
        double[] judgeCalls = new double[judges.size()];
        long[] judgePrompt = new long[judges.size()];
        boolean[] judgeCounted = new boolean[judges.size()];
        List<LocalTokenizer> judgeTokenizers = new ArrayList<>();
        try {
            for (JudgeScorer j : judges) {
                judgeTokenizers.add(tokenizerDir(j.model().runnerType(), Optional.ofNullable(j.model().folder()), j.model().runner())
                        .map(LocalTokenizer::open).orElse(null));
            }
            for (ModelSpec m : SuitePlanner.selectedModels(suite, options)) {
                Double mean = measured.get(m.id());
                long answerTokens = mean != null ? Math.round(mean) : m.generation().maxNewTokens();
                long requests = 0;
                long promptTokens = 0;
                try (LocalTokenizer tokenizer = tokenizerDir(m.runnerType(), m.folder(), m.runner()).map(LocalTokenizer::open).orElse(null);
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
                            for (int j = 0; j < judges.size(); j++) {
                                if (!judges.get(j).grades(m.id())) {
                                    continue;  // a pairwise judge does not judge its reference model
                                }
                                JudgeScorer.Reference against = judges.get(j).reference().orElse(null);
                                // The answers are not known yet: the rubric is counted without them, plus their expected length
                                // (another model's answer is taken to be as long as this one's).
                                String reference = against instanceof JudgeScorer.Reference.Expected ? row.expected() : "";
                                long answers = against instanceof JudgeScorer.Reference.OfModel ? 2 : 1;
                                Prompt ask = judges.get(j).prompt(new JudgeScorer.Ask(JudgeScorer.question(row), "", row.expected(),
                                        against == null ? null : reference));
                                LocalTokenizer jt = judgeTokenizers.get(j);
                                JudgeMeans seen = measuredRuns.judges().get(judges.get(j).name());
                                double calls = suite.repeats() * (seen != null ? seen.requestsPerAnswer() : judges.get(j).requestsPerAnswer());
                                judgeCalls[j] += calls;
                                judgePrompt[j] += Math.round(((jt != null ? jt.promptTokens(ask) : estimate(ask)) + answers * answerTokens) * calls);
                                judgeCounted[j] = jt != null;
                            }
                        }
                    }
                    long completion = mean != null ? Math.round(requests * mean) : requests * m.generation().maxNewTokens();
                    lines.add(new Line(m.id(), requests, promptTokens, tokenizer != null, completion, mean != null,
                            cost(suite.cost(), m.id(), promptTokens, completion)));
                }
            }
        } finally {
            judgeTokenizers.stream().filter(t -> t != null).forEach(LocalTokenizer::close);
        }
        for (int j = 0; j < judges.size(); j++) {
            JudgeModel jm = judges.get(j).model();
            JudgeMeans seen = measuredRuns.judges().get(judges.get(j).name());
            long requests = Math.round(judgeCalls[j]);
            long completion = Math.round(requests * (seen != null ? seen.completionPerRequest() : jm.generation().maxNewTokens()));
            lines.add(new Line("judge " + judges.get(j).name() + " (" + jm.id() + ")", requests, judgePrompt[j],
                    judgeCounted[j], completion, seen != null, cost(suite.cost(), jm.id(), judgePrompt[j], completion)));
        }
        return lines;
    }

    private static Optional<Path> tokenizerDir(String runnerType, Optional<Path> folder, RunnerSettings runner) {
        return folder.isPresent() && runnerType.equals("onnx") ? folder : runner.options().path("tokenizer");
    }

    private static Double cost(CostTable prices, String model, long promptTokens, long completionTokens) {
        CostTable.Price price = prices.priceFor(model).orElse(null);
        return price == null ? null : (promptTokens * price.promptPer1k() + completionTokens * price.completionPer1k()) / 1000;
    }

    private static long estimate(Prompt p) {
        long chars = p.assistantPrefix().length();
        for (Message m : p.messages()) {
            chars += m.content() == null ? 0 : m.content().length();
        }
        return (long) Math.ceil(chars / CHARS_PER_TOKEN);
    }

    static void print(Suite suite, RunOptions options, Path from, PrintWriter out) {
        print(suite, options, from == null ? Measured.NONE : Measured.fromRun(from), out);
    }

    static void print(Suite suite, RunOptions options, Measured measured, PrintWriter out) {
        List<Line> lines = of(suite, options, measured);
        String currency = suite.cost().currency();
        // The first column fits the longest label (a judge's line names its scorer and model).
        int width = Math.max(24, lines.stream().mapToInt(l -> l.model().length()).max().orElse(0));
        String row = "%-" + width + "s %10s %14s %22s %14s%n";
        out.printf(Locale.ROOT, row, "model", "requests", "prompt tokens", "completion tokens",
                "cost " + currency);
        long requests = 0;
        double total = 0;
        boolean priced = true;
        boolean estimated = false;
        boolean anyMax = false;
        boolean anyMeasured = false;
        for (Line l : lines) {
            out.printf(Locale.ROOT, row, l.model(), l.requests(),
                    (l.counted() ? "" : "~") + l.promptTokens(), l.completionTokens() + (l.measured() ? " (mean)" : " (max)"),
                    l.cost() == null ? "no price" : String.format(Locale.ROOT, "%.6f", l.cost()));
            requests += l.requests();
            total += l.cost() == null ? 0 : l.cost();
            priced &= l.cost() != null;
            estimated |= !l.counted();
            anyMax |= !l.measured();
            anyMeasured |= l.measured();
        }
        out.printf(Locale.ROOT, row, "total", requests, "", "",
                String.format(Locale.ROOT, "%.6f", total) + (priced ? "" : " (priced models only)"));
        if (suite.budget().run() != null) {
            out.printf(Locale.ROOT, "budget of the run: %.6f %s%s%n", suite.budget().run(), currency,
                    total > suite.budget().run() ? " (this estimate is over it: the run would stop early; --resume --budget finishes it)" : "");
        }
        if (estimated) {
            out.println("~ estimated at " + (int) CHARS_PER_TOKEN + " characters a token: the model has no tokenizer here "
                    + "(give a served model tokenizer: to count exactly).");
        }
        if (anyMeasured) {
            out.println("(mean) completion tokens are the mean each model produced in " + measured.source() + ".");
        }
        if (anyMax) {
            out.println("(max) completion tokens are the most there can be (max_new_tokens for every request)"
                    + (measured.source() == null ? "; --from RUN_DIR uses an earlier run's mean instead" : "") + ".");
        }
        if (suite.scorers().stream().anyMatch(JudgeScorer.class::isInstance)) {
            out.println("Judge prompts are the rubric with the expected answer and the answers' expected length"
                    + (measured.judges().isEmpty() ? "; each answer's first requests only (repairs come on top)."
                    : "; (mean) judge lines take requests per answer (repairs included) and reply lengths from "
                    + measured.source() + "."));
        }
        out.println("Nothing was sent.");
    }
}
