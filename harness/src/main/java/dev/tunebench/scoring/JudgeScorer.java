package dev.tunebench.scoring;

import dev.tunebench.data.Row;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RequestsFailed;
import dev.tunebench.spi.Role;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactories;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Model-graded scoring: fills a rubric with the question, the answer and the expected answer, asks a judge
 * model, and reads the grade from its reply. A reply without a grade is <em>unscored</em> (value NaN, left
 * out of the scorer's mean and counted apart), never a failing grade; the judge's whole reply is kept as the
 * score's reason. The judge's runner is opened on first use and closed with the run, so a suite that only
 * validates never starts it.
 */
public final class JudgeScorer implements Scorer, AutoCloseable {
    /** The prefix of the reason of an unscored sample. */
    public static final String UNSCORED = "unscored: ";

    private final String name;
    private final Rubric rubric;
    private final GradeParser grade;
    private final JudgeModel model;
    private final String system;
    private final Function<JudgeModel, Runner> opener;
    private Runner runner;

    JudgeScorer(String name, Rubric rubric, GradeParser grade, JudgeModel model, String system,
                Function<JudgeModel, Runner> opener) {
        this.name = name;
        this.rubric = rubric;
        this.grade = grade;
        this.model = model;
        this.system = system;
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
        return Prompt.of(messages);
    }

    /** Grades several answers with one call to the judge's runner, so a served judge works on them at once. */
    public synchronized List<Score> gradeAll(List<Ask> asks) {
        List<Prompt> prompts = new ArrayList<>(asks.size());
        for (Ask a : asks) {
            prompts.add(prompt(a));
        }
        List<Generation> replies;
        List<String> failures = null;
        try {
            replies = runner().generate(prompts, model.generation());
        } catch (InputException e) {
            throw new InputException("judge scorer '" + name + "' (model " + model.id() + "): " + e.getMessage(), e);
        } catch (RequestsFailed e) {
            // A served judge that could not answer some rows after its retries leaves them ungraded, not failed.
            replies = e.generations();
            failures = e.errors();
        }
        List<Score> out = new ArrayList<>(replies.size());
        for (int i = 0; i < replies.size(); i++) {
            Generation reply = replies.get(i);
            if (reply == null) {
                out.add(new Score(Double.NaN, null, UNSCORED + "the judge did not answer: " + failures.get(i), null, null));
                continue;
            }
            Optional<GradeParser.Grade> g = grade.parse(reply.text());
            out.add(g.map(v -> new Score(v.value(), v.text(), reply.text(), null, null))
                    .orElseGet(() -> new Score(Double.NaN, null, UNSCORED + "the judge's reply has no grade ("
                            + grade.expects() + "): " + reply.text(), null, null)));
        }
        return out;
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
            runner.close();
            runner = null;
        }
    }
}
