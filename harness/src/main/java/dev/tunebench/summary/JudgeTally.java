package dev.tunebench.summary;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.JudgeCalls;
import dev.tunebench.scoring.JudgeCalibration;
import dev.tunebench.scoring.JudgeScorer;

import java.util.Map;

/**
 * How one judge scorer did in one cell: how many replies had no grade, how often its verdict (grade >=
 * 0.5) agreed with the accuracy scorer's on the rows both graded, with Cohen's kappa, which discounts the
 * agreement two raters reach by chance; what its requests took and cost; for a pairwise judge how often the
 * two orders of a pair gave the same verdict (then the agreement with accuracy is left out: a preference
 * between two answers is not a verdict on one).
 */
final class JudgeTally {
    private final long[] table = new long[4];  // index: judge pass * 2 + accuracy pass
    private long unscored;
    private double agreementSum;
    private long agreementN;
    private long requests;
    private long cached;
    private long promptTokens;
    private long completionTokens;
    private boolean tokensCounted = true;
    private double spend;
    private boolean priced;
    private long swapped;
    private long swapConsistent;

    void addCalls(JudgeCalls calls) {
        requests += calls.requests();
        cached += calls.cached() == null ? 0 : calls.cached();
        if (calls.promptTokens() == null || calls.completionTokens() == null) {
            tokensCounted = false;
        } else {
            promptTokens += calls.promptTokens();
            completionTokens += calls.completionTokens();
        }
        if (calls.cost() != null) {
            spend += calls.cost();
            priced = true;
        }
        if (calls.swapConsistent() != null) {
            swapped++;
            swapConsistent += calls.swapConsistent() ? 1 : 0;
        }
    }

    /** With {@code samples: N}: the share of the judge's N grades that agreed with the score it gave. */
    void addAgreement(Double agreement) {
        if (agreement != null) {
            agreementSum += agreement;
            agreementN++;
        }
    }

    void add(Double grade, Double accuracy, String reply) {
        if (grade == null) {
            if (reply != null && reply.startsWith(JudgeScorer.UNSCORED)) {
                unscored++;
            }
            return;
        }
        if (accuracy != null) {
            table[(grade >= 0.5 ? 2 : 0) + (accuracy >= 1.0 ? 1 : 0)]++;
        }
    }

    void writeTo(ObjectNode score) {
        score.put("unscored", unscored);
        if (agreementN > 0) {
            score.put("self_agreement_mean", agreementSum / agreementN);
        }
        if (cached > 0) {
            score.put("cached", cached);
        }
        if (requests > 0) {
            score.put("requests", requests);
            if (tokensCounted) {
                score.put("prompt_tokens", promptTokens);
                score.put("completion_tokens", completionTokens);
            }
            if (priced) {
                score.put("spend", spend);
            }
        }
        if (swapped > 0) {
            score.putObject("swap_consistency").put("value", (double) swapConsistent / swapped).put("n", swapped);
            return;
        }
        long n = table[0] + table[1] + table[2] + table[3];
        if (n == 0) {
            return;
        }
        ObjectNode a = score.putObject("agreement_with_accuracy");
        a.put("n", n);
        int agreed = (int) (table[0] + table[3]);
        a.put("agreement", (double) agreed / n);
        // Kappa is undefined when chance agreement is total (both raters constant); JSON then says null.
        a.put("kappa", JudgeCalibration.kappa((int) n, agreed,
                Map.of("pass", (int) (table[2] + table[3]), "fail", (int) (table[0] + table[1])),
                Map.of("pass", (int) (table[1] + table[3]), "fail", (int) (table[0] + table[2]))));
    }
}
