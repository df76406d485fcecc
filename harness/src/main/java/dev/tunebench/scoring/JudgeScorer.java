package dev.tunebench.scoring;

import dev.tunebench.data.Row;
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
 * schema ({@code response_format} on a served judge). The judge's runner is opened on first use and closed
 * with the run, so a suite that only validates never starts it.
 */
public final class JudgeScorer implements Scorer, AutoCloseable {
    /** The prefix of the reason of an unscored sample. */
    public static final String UNSCORED = "unscored: ";

    /** How many grades per answer and how they are drawn; {@link #ONCE} is one greedy grade. */
    public record Sampling(int samples, double temperature, long seed) {
        public static final Sampling ONCE = new Sampling(1, 0, 0);
    }

    /** One grade with how many of the judge's grades agreed with it (1 of 1 for a single grade). */
    public record Graded(Score score, Double agreement) {
    }

    private final String name;
    private final Rubric rubric;
    private final GradeParser grade;
    private final JudgeModel model;
    private final String system;
    private final Sampling sampling;
    private final boolean structured;
    private final Function<JudgeModel, Runner> opener;
    private Runner runner;
    private RunnerInfo lastInfo;

    JudgeScorer(String name, Rubric rubric, GradeParser grade, JudgeModel model, String system,
                Function<JudgeModel, Runner> opener) {
        this(name, rubric, grade, model, system, Sampling.ONCE, false, opener);
    }

    JudgeScorer(String name, Rubric rubric, GradeParser grade, JudgeModel model, String system, Sampling sampling,
                boolean structured, Function<JudgeModel, Runner> opener) {
        this.name = name;
        this.rubric = rubric;
        this.grade = grade;
        this.model = model;
        this.system = system;
        this.sampling = sampling;
        this.structured = structured;
        this.opener = opener;
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

    /** One question, answer and expected answer to grade. */
    public record Ask(String question, String answer, String expected) {
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

    /** What the judge is sent for one answer: the system text, if any, and the filled rubric. */
    public Prompt prompt(Ask a) {
        List<Message> messages = new ArrayList<>(2);
        if (system != null) {
            messages.add(Message.system(system));
        }
        messages.add(Message.user(rubric.fill(a.question(), a.answer(), a.expected())));
        Prompt p = Prompt.of(messages);
        return structured ? p.withJsonSchema(grade.replySchema()) : p;
    }

    /** How many requests the judge sends per answer at most: its samples, each possibly repaired once. */
    public int samples() {
        return sampling.samples();
    }

    /** The judge's settings for the manifest: model, rubric, parameters and what its answers said of the model. */
    public synchronized Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("scorer", name);
        p.put("model", model.id());
        p.put("runner", model.runnerType());
        model.runner().options().text("model").ifPresent(m -> p.put("served_model", m));
        p.put("rubric_sha256", sha256(rubric.text()));
        if (system != null) {
            p.put("system_sha256", sha256(system));
        }
        p.put("max_new_tokens", String.valueOf(model.generation().maxNewTokens()));
        p.put("samples", String.valueOf(sampling.samples()));
        if (sampling.samples() > 1) {
            p.put("temperature", String.valueOf(sampling.temperature()));
            p.put("seed", String.valueOf(sampling.seed()));
        }
        p.put("structured", String.valueOf(structured));
        p.put("grade", grade.expects());
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

    /** {@link #gradeAll}, with each grade's agreement among the judge's samples. */
    public synchronized List<Graded> gradeWithAgreement(List<Ask> asks) {
        List<Prompt> prompts = new ArrayList<>(asks.size());
        for (Ask a : asks) {
            prompts.add(prompt(a));
        }
        List<List<Attempted>> all = new ArrayList<>();
        for (int i = 0; i < asks.size(); i++) {
            all.add(new ArrayList<>());
        }
        for (int k = 0; k < sampling.samples(); k++) {
            GenerationSettings settings = sampling.samples() == 1 ? model.generation()
                    : model.generation().withDecoding(new Decoding.Sampling(sampling.temperature(), 1.0, 0, sampling.seed() + k));
            List<Attempted> round = ask(prompts, settings);
            repair(prompts, round, settings);
            for (int i = 0; i < asks.size(); i++) {
                all.get(i).add(round.get(i));
            }
        }
        List<Graded> out = new ArrayList<>(asks.size());
        for (List<Attempted> tries : all) {
            out.add(combine(tries));
        }
        return out;
    }

    /** One reply: its text (null when the judge did not answer), grade, whether it was cut off, or why not. */
    private record Attempted(String reply, Optional<GradeParser.Grade> grade, boolean cutOff, String failure) {
    }

    private List<Attempted> ask(List<Prompt> prompts, GenerationSettings settings) {
        List<Generation> replies;
        List<String> failures = null;
        try {
            replies = runner().generate(prompts, settings);
        } catch (InputException e) {
            throw new InputException("judge scorer '" + name + "' (model " + model.id() + "): " + e.getMessage(), e);
        } catch (RequestsFailed e) {
            // A served judge that could not answer some rows after its retries leaves them ungraded, not failed.
            replies = e.generations();
            failures = e.errors();
        }
        List<Attempted> out = new ArrayList<>(replies.size());
        for (int i = 0; i < replies.size(); i++) {
            Generation g = replies.get(i);
            out.add(g == null ? new Attempted(null, Optional.empty(), false, failures.get(i))
                    : new Attempted(g.text(), grade.parseStructured(g.text()), g.finishReason() == FinishReason.LENGTH, null));
        }
        return out;
    }

    /** Asks once more, for the grade alone, where a reply had none: the judge sees its reply and what was expected. */
    /** The follow-up a judge gets when its reply had no grade. */
    public static String repairRequest(String expects, boolean structured) {
        return "Your reply has no grade I can read. Reply with the grade only: " + expects
                + (structured ? ", as the JSON object asked for." : ".");
    }

    private void repair(List<Prompt> prompts, List<Attempted> round, GenerationSettings settings) {
        List<Integer> at = new ArrayList<>();
        List<Prompt> again = new ArrayList<>();
        for (int i = 0; i < round.size(); i++) {
            Attempted a = round.get(i);
            if (a.reply() != null && a.grade().isEmpty()) {
                List<Message> messages = new ArrayList<>(prompts.get(i).messages());
                messages.add(Message.assistant(a.reply()));
                messages.add(Message.user(repairRequest(grade.expects(), structured)));
                again.add(prompts.get(i).withMessages(messages));
                at.add(i);
            }
        }
        if (again.isEmpty()) {
            return;
        }
        List<Attempted> repaired = ask(again, settings);
        for (int j = 0; j < at.size(); j++) {
            Attempted before = round.get(at.get(j));
            Attempted after = repaired.get(j);
            if (after.grade().isPresent()) {
                round.set(at.get(j), new Attempted(before.reply() + "\n[repair] " + after.reply(), after.grade(), false, null));
            }
        }
    }

    private Graded combine(List<Attempted> tries) {
        List<GradeParser.Grade> grades = tries.stream().flatMap(t -> t.grade().stream()).toList();
        String replies = String.join("\n---\n", tries.stream().map(t -> t.reply() == null ? "" : t.reply()).toList());
        if (grades.isEmpty()) {
            Attempted first = tries.get(0);
            String why = first.reply() == null ? "the judge did not answer: " + first.failure()
                    : first.cutOff() ? "the judge's reply was cut off at max_new_tokens " + model.generation().maxNewTokens()
                    + " before a grade (" + grade.expects() + "); raise the judge's max_new_tokens: " + replies
                    : "the judge's reply has no grade (" + grade.expects() + "), even when asked again: " + replies;
            return new Graded(new Score(Double.NaN, null, UNSCORED + why, null, null), null);
        }
        if (tries.size() == 1) {
            GradeParser.Grade g = grades.get(0);
            return new Graded(new Score(g.value(), g.text(), replies, null, null), 1.0);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        grades.forEach(g -> counts.merge(g.text(), 1, Integer::sum));
        int most = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        double value;
        String text;
        if (grade instanceof GradeParser.Scale) {
            value = grades.stream().mapToDouble(GradeParser.Grade::value).average().orElse(Double.NaN);
            text = String.valueOf(value);
        } else {
            // The majority grade; a tie between grades is the mean of their values.
            List<String> top = counts.entrySet().stream().filter(e -> e.getValue() == most).map(Map.Entry::getKey).toList();
            value = grades.stream().filter(g -> top.contains(g.text())).mapToDouble(GradeParser.Grade::value).distinct().average()
                    .orElse(Double.NaN);
            text = String.join("|", top);
        }
        return new Graded(new Score(value, text, replies, null, null), most / (double) tries.size());
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
