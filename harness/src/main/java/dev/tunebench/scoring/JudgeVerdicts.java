package dev.tunebench.scoring;

import dev.tunebench.results.JudgeCalls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a judge's replies to one answer into its grade: one reply's grade, the mean or majority of N sampled
 * grades, or a pairwise judge's verdict from both orders; unscored (NaN, with the reason) when no reply has a
 * grade; and what the replies' requests took.
 */
final class JudgeVerdicts {
    private final String judge;
    private final int maxNewTokens;
    private final GradeParser grade;

    JudgeVerdicts(String judge, int maxNewTokens, GradeParser grade) {
        this.judge = judge;
        this.maxNewTokens = maxNewTokens;
        this.grade = grade;
    }

    /** The grade of one answer from its samples' replies (one per sample). */
    JudgeScorer.Graded single(List<JudgeReply> tries) {
        List<GradeParser.Grade> grades = tries.stream().flatMap(t -> t.grade().stream()).toList();
        String replies = String.join("\n---\n", tries.stream().map(t -> t.reply() == null ? "" : t.reply()).toList());
        JudgeCalls calls = calls(tries, null);
        if (grades.isEmpty()) {
            return unscored(unscoredReason(tries.get(0), replies), calls);
        }
        if (tries.size() == 1) {
            GradeParser.Grade g = grades.get(0);
            return new JudgeScorer.Graded(new Score(g.value(), g.text(), replies, null, null), 1.0, calls);
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
        return new JudgeScorer.Graded(new Score(value, text, replies, null, null), most / (double) tries.size(), calls);
    }

    /**
     * A pairwise judge's rounds, each the answer-first and the answer-second reply: a round counts only when
     * both orders have a grade; its value is the mean of the first verdict and the flipped second (grade values
     * are for answer A), so a judge that always prefers one position gives a tie. The agreement is the share of
     * rounds whose verdict is the score's; swap-consistent means every round's two orders agreed.
     */
    JudgeScorer.Graded pairs(List<JudgeReply> tries) {
        List<Double> values = new ArrayList<>();
        boolean consistent = true;
        StringBuilder replies = new StringBuilder();
        for (int r = 0; r < tries.size(); r += 2) {
            JudgeReply first = tries.get(r);
            JudgeReply second = tries.get(r + 1);
            if (replies.length() > 0) {
                replies.append("\n---\n");
            }
            replies.append("[answer as A] ").append(first.reply() == null ? "" : first.reply())
                    .append("\n[answer as B] ").append(second.reply() == null ? "" : second.reply());
            if (first.grade().isPresent() && second.grade().isPresent()) {
                double a = first.grade().get().value();
                double b = 1 - second.grade().get().value();
                values.add((a + b) / 2);
                consistent &= Math.abs(a - b) < 1e-9;
            }
        }
        if (values.isEmpty()) {
            JudgeReply missing = tries.stream().filter(t -> t.grade().isEmpty()).findFirst().orElseThrow();
            return unscored("a pairwise verdict needs a grade in both orders; " + unscoredReason(missing, replies.toString()),
                    calls(tries, null));
        }
        double value = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        String verdict = verdict(value);
        long agreeing = values.stream().filter(v -> verdict(v).equals(verdict)).count();
        return new JudgeScorer.Graded(new Score(value, verdict, replies.toString(), null, null),
                agreeing / (double) values.size(), calls(tries, consistent));
    }

    /** A sample graded NaN with the reason: left out of the scorer's mean and counted apart. */
    static JudgeScorer.Graded unscored(String why, JudgeCalls calls) {
        return new JudgeScorer.Graded(new Score(Double.NaN, null, JudgeScorer.UNSCORED + why, null, null), null, calls);
    }

    /** A pairwise score as a verdict from its answer's side: win (above 0.5), tie or loss. */
    static String verdict(double value) {
        return Math.abs(value - 0.5) < 1e-9 ? "tie" : value > 0.5 ? "win" : "loss";
    }

    private String unscoredReason(JudgeReply first, String replies) {
        return first.reply() == null ? "the judge did not answer: " + first.failure()
                : first.cutOff() ? "the judge's reply was cut off at max_new_tokens " + maxNewTokens
                + " before a grade (" + grade.expects() + "); raise the judge's max_new_tokens: " + replies
                : "the judge's reply has no grade (" + grade.expects() + "), even when asked again: " + replies;
    }

    private JudgeCalls calls(List<JudgeReply> tries, Boolean swapConsistent) {
        int requests = 0;
        int cached = 0;
        long prompt = 0;
        long completion = 0;
        for (JudgeReply t : tries) {
            requests += t.requests();
            cached += t.cached();
            prompt = JudgeReply.add(prompt, t.promptTokens());
            completion = JudgeReply.add(completion, t.completionTokens());
        }
        return new JudgeCalls(judge, requests, cached == 0 ? null : cached, prompt < 0 ? null : (int) prompt,
                completion < 0 ? null : (int) completion, null, swapConsistent);
    }
}
