package dev.tunebench.spi;

/**
 * Teacher-forced log-probabilities (natural log) of the weighted assistant tokens of one
 * conversation: each assistant turn with weight 1 contributes its content tokens and its end-of-turn
 * token, not the role header. Validation loss is {@code -sum(logProbs) / count} over a whole file.
 */
public record TeacherForcedScore(int[] tokenIds, double[] logProbs) {
    public TeacherForcedScore {
        if (tokenIds.length != logProbs.length) {
            throw new IllegalArgumentException("token ids and log-probs differ in length");
        }
        tokenIds = tokenIds.clone();
        logProbs = logProbs.clone();
    }

    public double sumNll() {
        double s = 0;
        for (double lp : logProbs) {
            s -= lp;
        }
        return s;
    }

    public int tokenCount() {
        return logProbs.length;
    }

    @Override
    public int[] tokenIds() {
        return tokenIds.clone();
    }

    @Override
    public double[] logProbs() {
        return logProbs.clone();
    }
}
