package dev.tunebench.scoring;

import java.util.Optional;

/**
 * One reply of a judge to one request: its text (null when the judge did not answer), the grade read from it,
 * whether it was cut off at the judge's max_new_tokens, or why there is none; with the requests it sent, the
 * replies taken from the completion cache instead, and the sent requests' tokens (-1 where the runner counted
 * none). A repaired reply carries what both asks took.
 */
record JudgeReply(String reply, Optional<GradeParser.Grade> grade, boolean cutOff, String failure,
                  int requests, int cached, long promptTokens, long completionTokens) {

    /** This reply, which had no grade, with the repair that found one. */
    JudgeReply then(JudgeReply repair) {
        return new JudgeReply(reply + "\n[repair] " + repair.reply(), repair.grade(), false, null,
                requests + repair.requests(), cached + repair.cached(), add(promptTokens, repair.promptTokens()),
                add(completionTokens, repair.completionTokens()));
    }

    /** This reply, still without a grade, with what the failed repair took. */
    JudgeReply alsoTook(JudgeReply repair) {
        return new JudgeReply(reply, grade, cutOff, failure, requests + repair.requests(), cached + repair.cached(),
                add(promptTokens, repair.promptTokens()), add(completionTokens, repair.completionTokens()));
    }

    /** A sum of token counts that stays unknown (-1) once a part is. */
    static long add(long a, long b) {
        return a < 0 || b < 0 ? -1 : a + b;
    }
}
