package dev.tunebench.scoring;

import dev.tunebench.data.Row;
import dev.tunebench.results.JudgeCalls;
import dev.tunebench.store.CacheKey;
import dev.tunebench.store.CompletionCache;
import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RequestsFailed;
import dev.tunebench.spi.Role;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Model-graded scoring: fills a rubric with the question, the answer and the expected answer, asks a judge
 * model, and reads the grade from its reply. A reply without a grade is asked once more for the grade alone
 * (the repair step); if that has none either, the sample is <em>unscored</em> (value NaN, left out of the
 * scorer's mean and counted apart), never a failing grade, and a reply cut off at {@code max_new_tokens}
 * says so. With {@link Sampling#samples()} &gt; 1 the judge grades each answer N times at a temperature with
 * seeds seed, seed + 1, ...: the score is the mean grade (a scale) or the majority grade (choices), with the
 * share of grades that agree with it. With {@code structured} the judge is asked for JSON that follows a
 * schema ({@code response_format} on a served judge); by default ({@link Structured#AUTO}) where the judge's
 * runner supports it, falling back to free text and the repair step if the endpoint refuses the schema.
 * A pairwise judge ({@link Reference}) compares the answer with a reference answer (the expected one, or
 * another model's for the same row) and asks in both orders, so a judge that favours a position cancels out:
 * the score is the mean of the two verdicts from the answer's side (win 1, tie 0.5, loss 0). The judge's
 * runner is opened on first use and closed with the run, so a suite that only validates never starts it.
 */
public final class JudgeScorer implements Scorer, AutoCloseable {
    /** The prefix of the reason of an unscored sample. */
    public static final String UNSCORED = "unscored: ";

    /** How many grades per answer and how they are drawn; {@link #ONCE} is one greedy grade. */
    public record Sampling(int samples, double temperature, long seed) {
        public static final Sampling ONCE = new Sampling(1, 0, 0);
    }

    /**
     * One grade with how many of the judge's grades agreed with it (1 of 1 for a single grade) and what its
     * requests took.
     */
    public record Graded(Score score, Double agreement, JudgeCalls calls) {
        public Graded(Score score, Double agreement) {
            this(score, agreement, null);
        }
    }

    /** Whether the judge is asked for JSON that follows the grade's schema. */
    public enum Structured {
        OFF, ON,
        /** Where the judge's runner supports it; free text and repair if the endpoint refuses it. */
        AUTO
    }

    /** What a pairwise judge compares each answer with. */
    public sealed interface Reference permits Reference.Expected, Reference.OfModel {
        /** The data's expected answer (fixed reference outputs, as AlpacaEval's). */
        record Expected() implements Reference {
        }

        /** The answer another model of the suite gave to the same row, technique and repeat. */
        record OfModel(String id) implements Reference {
        }
    }

    private final String name;
    private final Rubric rubric;
    private final GradeParser grade;
    private final JudgeModel model;
    private final String system;
    private final Sampling sampling;
    private final Structured structured;
    private final Reference reference;
    private final List<JudgeLabels.Labelled> labels;
    private final Function<JudgeModel, Runner> opener;
    private final JudgeVerdicts verdicts;
    private Runner runner;
    private RunnerInfo lastInfo;
    private CompletionCache cache = CompletionCache.NONE;
    private JudgeCalibration calibration;
    /** Why structured output is off for this run although asked for by {@link Structured#AUTO}, else null. */
    private String structuredOff;

    JudgeScorer(String name, Rubric rubric, GradeParser grade, JudgeModel model, String system,
                Function<JudgeModel, Runner> opener) {
        this(name, rubric, grade, model, system, Sampling.ONCE, false, opener);
    }

    JudgeScorer(String name, Rubric rubric, GradeParser grade, JudgeModel model, String system, Sampling sampling,
                boolean structured, Function<JudgeModel, Runner> opener) {
        this(name, rubric, grade, model, system, sampling, structured ? Structured.ON : Structured.OFF, null, opener);
    }

    JudgeScorer(String name, Rubric rubric, GradeParser grade, JudgeModel model, String system, Sampling sampling,
                Structured structured, Reference reference, Function<JudgeModel, Runner> opener) {
        this(name, rubric, grade, model, system, sampling, structured, reference, List.of(), opener);
    }

    /**
     * @param reference null for a judge that grades one answer; else what each answer is compared with
     * @param labels    answers a person graded, which the judge grades too to show how far to trust it
     */
    JudgeScorer(String name, Rubric rubric, GradeParser grade, JudgeModel model, String system, Sampling sampling,
                Structured structured, Reference reference, List<JudgeLabels.Labelled> labels,
                Function<JudgeModel, Runner> opener) {
        if (rubric.pairwise() != (reference != null)) {
            throw new IllegalArgumentException("a pairwise rubric goes with a reference, and only then");
        }
        this.name = name;
        this.rubric = rubric;
        this.grade = grade;
        this.model = model;
        this.system = system;
        this.sampling = sampling;
        this.structured = structured;
        this.reference = reference;
        this.labels = List.copyOf(labels);
        this.opener = opener;
        this.verdicts = new JudgeVerdicts(model.id(), model.generation().maxNewTokens(), grade);
    }

    static Function<JudgeModel, Runner> runnerOpener() {
        return m -> RunnerFactories.find(m.runnerType()).open(m.folder(), m.runner());
    }

    @Override
    public String name() {
        return name;
    }

    public JudgeModel model() {
        return model;
    }

    /** Takes replies from, and keeps new ones in, this completion cache (the run's; NONE with --no-cache). */
    public synchronized void cacheIn(CompletionCache completions) {
        this.cache = completions;
    }

    /**
     * Why this judge may not grade what the suite means it to: a judge that grades one answer with a rubric
     * without {@code {{expected}}} never sees the data's reference answer (a judge that ignores the reference is
     * a common silent failure), so a run says so; empty when the rubric uses it or the judge compares two answers.
     */
    public Optional<String> referenceWarning() {
        if (reference != null || rubric.usesExpected()) {
            return Optional.empty();
        }
        return Optional.of("judge scorer '" + name + "' has no {{expected}} in its rubric, so it grades without the data's"
                + " reference answers. Add one (e.g. \"Reference: {{expected}}\") to grade against them; leave it out only"
                + " for a reference-free rubric on purpose.");
    }

    /** Whether this judge grades the answers of {@code model}: every model's, but a pairwise judge's own reference model's. */
    public boolean grades(String model) {
        return !(reference instanceof Reference.OfModel m && m.id().equals(model));
    }

    /** What a pairwise judge compares with, or empty for a judge that grades one answer. */
    public Optional<Reference> reference() {
        return Optional.ofNullable(reference);
    }

    /**
     * One question, answer and expected answer to grade; for a pairwise judge also the answer it is compared
     * with ({@code reference}, null when there is none to compare: the sample is then unscored).
     */
    public record Ask(String question, String answer, String expected, String reference) {
        public Ask(String question, String answer, String expected) {
            this(question, answer, expected, null);
        }
    }

    @Override
    public Score score(String answer, String expected) {
        return gradeAll(List.of(new Ask("", answer, expected))).get(0);
    }

    /** The row's last user turn as the data gives it, before any technique: what a judge is told was asked. */
    public static String question(Row row) {
        List<Message> input = row.input();
        for (int i = input.size() - 1; i >= 0; i--) {
            if (input.get(i).role() == Role.USER) {
                return input.get(i).content();
            }
        }
        return "";
    }

    /**
     * What the judge is sent for one answer: the system text, if any, and the filled rubric; for a pairwise
     * judge the order with the answer first (see {@link #prompts}).
     */
    public Prompt prompt(Ask a) {
        return prompts(a).get(0);
    }

    /** Every prompt one round sends for an answer: one, or for a pairwise judge both orders (answer first, then second). */
    public List<Prompt> prompts(Ask a) {
        if (reference == null) {
            return List.of(request(rubric.fill(a.question(), a.answer(), a.expected())));
        }
        return List.of(request(rubric.fillPair(a.question(), a.answer(), a.reference(), a.expected())),
                request(rubric.fillPair(a.question(), a.reference(), a.answer(), a.expected())));
    }

    private Prompt request(String filled) {
        List<Message> messages = new ArrayList<>(2);
        if (system != null) {
            messages.add(Message.system(system));
        }
        messages.add(Message.user(filled));
        Prompt p = Prompt.of(messages);
        return asksStructured() ? p.withJsonSchema(grade.replySchema()) : p;
    }

    private boolean asksStructured() {
        return switch (structured) {
            case ON -> true;
            case OFF -> false;
            // Only a runner that passes the schema on (an unopened judge, e.g. for a cost estimate, counts as plain).
            case AUTO -> structuredOff == null && runner != null && runner.structuredOutput();
        };
    }

    /** How many grades the judge gives per answer: its samples (each one request, or two for a pairwise judge, and maybe a repair). */
    public int samples() {
        return sampling.samples();
    }

    /** The characters of every judge prompt besides the texts filled in: the rubric and the system text. */
    public int fixedChars() {
        return rubric.text().length() + (system == null ? 0 : system.length());
    }

    /** Requests per answer before repairs: samples, times two orders for a pairwise judge. */
    public int requestsPerAnswer() {
        return sampling.samples() * (reference == null ? 1 : 2);
    }

    /**
     * Grades the labelled answers ({@code labels:}) and compares the judge's verdicts with the person's; empty
     * without labels. The result also goes into {@link #provenance()}.
     */
    public synchronized Optional<JudgeCalibration> calibrate() {
        if (labels.isEmpty()) {
            return Optional.empty();
        }
        List<Ask> asks = labels.stream().map(l -> new Ask(l.question(), l.answer(), l.expected(),
                reference == null ? null : l.answerB())).toList();
        List<Graded> graded = gradeWithAgreement(asks);
        List<String> human = new ArrayList<>();
        List<String> judged = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            human.add(verdictOf(labels.get(i).grade().value()));
            double v = graded.get(i).score().value();
            judged.add(Double.isNaN(v) ? null : verdictOf(v));
        }
        calibration = JudgeCalibration.of(human, judged);
        return Optional.of(calibration);
    }

    /** A grade as the category calibration compares: win/tie/loss (pairwise), pass/fail (a scale), else its value. */
    private String verdictOf(double value) {
        if (reference != null) {
            return JudgeVerdicts.verdict(value);
        }
        return grade instanceof GradeParser.Scale ? (value >= 0.5 ? "pass" : "fail") : String.valueOf(value);
    }

    /** The judge's settings for the manifest: model, rubric, parameters and what its answers said of the model. */
    public synchronized Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("scorer", name);
        p.put("model", model.id());
        p.put("runner", model.runnerType());
        model.runner().options().text("model").ifPresent(m -> p.put("served_model", m));
        p.put("rubric_sha256", sha256(rubric.text()));
        p.put("reference", reference instanceof Reference.OfModel m ? "model " + m.id()
                : reference != null || rubric.usesExpected() ? "expected" : "none");
        if (system != null) {
            p.put("system_sha256", sha256(system));
        }
        p.put("max_new_tokens", String.valueOf(model.generation().maxNewTokens()));
        p.put("samples", String.valueOf(sampling.samples()));
        if (sampling.samples() > 1) {
            p.put("temperature", String.valueOf(sampling.temperature()));
            p.put("seed", String.valueOf(sampling.seed()));
        }
        p.put("structured", switch (structured) {
            case ON -> "true";
            case OFF -> "false";
            case AUTO -> "auto";
        });
        if (structuredOff != null) {
            p.put("structured_off", structuredOff);
        }
        if (reference != null) {
            p.put("pairwise_against", reference instanceof Reference.OfModel m ? "model " + m.id() : "expected");
        }
        p.put("grade", grade.expects());
        if (calibration != null) {
            p.put("labels", String.valueOf(calibration.labelled()));
            p.put("labels_graded", String.valueOf(calibration.graded()));
            p.put("labels_agreement", String.valueOf(calibration.agreement()));
            p.put("labels_kappa", String.valueOf(calibration.kappa()));
        }
        RunnerInfo info = runner != null ? runner.info() : lastInfo;
        if (info != null) {
            for (String k : List.of("response_model", "system_fingerprint")) {
                if (info.details().containsKey(k)) {
                    p.put(k, String.valueOf(info.details().get(k)));
                }
            }
        }
        return p;
    }

    /** Grades several answers with one call to the judge's runner per sample, so a served judge works on them at once. */
    public List<Score> gradeAll(List<Ask> asks) {
        return gradeWithAgreement(asks).stream().map(Graded::score).toList();
    }

    /**
     * {@link #gradeAll}, with each grade's agreement among the judge's samples and what its requests took. A
     * pairwise ask without a reference answer is unscored and sends nothing.
     */
    public synchronized List<Graded> gradeWithAgreement(List<Ask> asks) {
        if (structured == Structured.ON && !runner().structuredOutput()) {
            throw new InputException("judge scorer '" + name + "': structured: true, but its " + model.runnerType()
                    + " runner cannot hold a reply to a JSON schema (only a served judge can: openai, azure). Use"
                    + " structured: auto (JSON where the runner supports it) or false.");
        }
        runner();
        int orders = reference == null ? 1 : 2;
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < asks.size(); i++) {
            if (reference == null || asks.get(i).reference() != null) {
                sent.add(i);
            }
        }
        // tries.get(i).get(round * orders + order)
        List<List<JudgeReply>> tries = new ArrayList<>();
        for (int i = 0; i < asks.size(); i++) {
            tries.add(new ArrayList<>());
        }
        for (int k = 0; k < sampling.samples() && !sent.isEmpty(); k++) {
            GenerationSettings settings = sampling.samples() == 1 ? model.generation()
                    : model.generation().withDecoding(new Decoding.Sampling(sampling.temperature(), 1.0, 0, sampling.seed() + k));
            List<JudgeReply> round = askStructuredOrNot(sent.stream().map(asks::get).toList(), settings);
            for (int j = 0; j < sent.size(); j++) {
                for (int o = 0; o < orders; o++) {
                    tries.get(sent.get(j)).add(round.get(j * orders + o));
                }
            }
        }
        List<Graded> out = new ArrayList<>(asks.size());
        for (int i = 0; i < asks.size(); i++) {
            if (reference != null && asks.get(i).reference() == null) {
                out.add(JudgeVerdicts.unscored("there is no reference answer to compare with (" + referenceName()
                        + " has no answer for this row: it failed, or was not run)", null));
            } else {
                out.add(reference == null ? verdicts.single(tries.get(i)) : verdicts.pairs(tries.get(i)));
            }
        }
        return out;
    }

    /** One round: every prompt of the asks, repaired where a reply had no grade; plain text if the endpoint refuses a schema. */
    private List<JudgeReply> askStructuredOrNot(List<Ask> asks, GenerationSettings settings) {
        boolean schema = structured == Structured.AUTO && asksStructured();
        try {
            return askAndRepair(asks, settings);
        } catch (IllegalStateException refused) {
            if (!schema) {
                throw refused;
            }
            // The endpoint refused the request as a whole (a 400 that names response_format, say): go on in free text.
            structuredOff = "the endpoint refused structured output (" + refused.getMessage() + "); free-text grades with repair";
            return askAndRepair(asks, settings);
        }
    }

    private List<JudgeReply> askAndRepair(List<Ask> asks, GenerationSettings settings) {
        List<Prompt> prompts = new ArrayList<>();
        for (Ask a : asks) {
            prompts.addAll(prompts(a));
        }
        List<JudgeReply> round = ask(prompts, settings);
        repair(prompts, round, settings);
        return round;
    }

    private String referenceName() {
        return reference instanceof Reference.OfModel m ? "model '" + m.id() + "'" : "the expected answer";
    }

    /**
     * Asks the judge, taking what the completion cache already holds (the same judge, rendered prompt and
     * settings), so a nightly run does not pay twice for the same grade.
     */
    private List<JudgeReply> ask(List<Prompt> prompts, GenerationSettings settings) {
        List<String> keys = cacheKeys(prompts, settings);
        Generation[] replies = new Generation[prompts.size()];
        boolean[] fromCache = new boolean[prompts.size()];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            Optional<Generation> stored = keys.get(i) == null ? Optional.empty() : cache.find(keys.get(i));
            if (stored.isPresent()) {
                replies[i] = stored.get();
                fromCache[i] = true;
            } else {
                missing.add(i);
            }
        }
        String[] failures = new String[prompts.size()];
        if (!missing.isEmpty()) {
            List<Generation> sent;
            List<String> errors = null;
            try {
                sent = runner().generate(missing.stream().map(prompts::get).toList(), settings);
            } catch (InputException e) {
                throw new InputException("judge scorer '" + name + "' (model " + model.id() + "): " + e.getMessage(), e);
            } catch (RequestsFailed e) {
                // A served judge that could not answer some rows after its retries leaves them ungraded, not failed.
                sent = e.generations();
                errors = e.errors();
            }
            for (int j = 0; j < missing.size(); j++) {
                int i = missing.get(j);
                replies[i] = sent.get(j);
                failures[i] = errors == null ? null : errors.get(j);
                if (replies[i] != null && keys.get(i) != null) {
                    cache.put(keys.get(i), model.id(), replies[i]);
                }
            }
        }
        List<JudgeReply> out = new ArrayList<>(replies.length);
        for (int i = 0; i < replies.length; i++) {
            Generation g = replies[i];
            out.add(g == null ? new JudgeReply(null, Optional.empty(), false, failures[i], 1, 0, 0, 0)
                    : fromCache[i] ? new JudgeReply(g.text(), grade.parseStructured(g.text()), g.finishReason() == FinishReason.LENGTH,
                    null, 0, 1, 0, 0)
                    : new JudgeReply(g.text(), grade.parseStructured(g.text()), g.finishReason() == FinishReason.LENGTH, null,
                    1, 0, g.promptTokens(), g.completionTokens()));
        }
        return out;
    }

    /** Each prompt's cache key, or null where there is no cache, the runner has no identity or the prompt does not render. */
    private List<String> cacheKeys(List<Prompt> prompts, GenerationSettings settings) {
        List<String> keys = new ArrayList<>(prompts.size());
        String identity = cache == CompletionCache.NONE ? null : runner().cacheIdentity().orElse(null);
        for (Prompt p : prompts) {
            String key = null;
            if (identity != null) {
                try {
                    key = CacheKey.of(identity, runner().render(p), p, settings);
                } catch (InputException | UnsupportedOperationException e) {
                    key = null;  // sent, and the runner says what is wrong with it
                }
            }
            keys.add(key);
        }
        return keys;
    }

    /** The follow-up a judge gets when its reply had no grade. */
    public static String repairRequest(String expects, boolean structured) {
        return "Your reply has no grade I can read. Reply with the grade only: " + expects
                + (structured ? ", as the JSON object asked for." : ".");
    }

    /** Asks once more, for the grade alone, where a reply had none: the judge sees its reply and what was expected. */
    private void repair(List<Prompt> prompts, List<JudgeReply> round, GenerationSettings settings) {
        List<Integer> at = new ArrayList<>();
        List<Prompt> again = new ArrayList<>();
        for (int i = 0; i < round.size(); i++) {
            JudgeReply a = round.get(i);
            if (a.reply() != null && a.grade().isEmpty()) {
                List<Message> messages = new ArrayList<>(prompts.get(i).messages());
                messages.add(Message.assistant(a.reply()));
                messages.add(Message.user(repairRequest(grade.expects(), prompts.get(i).jsonSchema() != null)));
                again.add(prompts.get(i).withMessages(messages));
                at.add(i);
            }
        }
        if (again.isEmpty()) {
            return;
        }
        List<JudgeReply> repaired = ask(again, settings);
        for (int j = 0; j < at.size(); j++) {
            JudgeReply before = round.get(at.get(j));
            JudgeReply after = repaired.get(j);
            round.set(at.get(j), after.grade().isPresent() ? before.then(after) : before.alsoTook(after));
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Runner runner() {
        if (runner == null) {
            runner = opener.apply(model);
        }
        return runner;
    }

    @Override
    public synchronized void close() {
        if (runner != null) {
            lastInfo = runner.info();
            runner.close();
            runner = null;
        }
    }
}
