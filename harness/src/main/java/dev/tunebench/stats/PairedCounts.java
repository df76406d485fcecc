package dev.tunebench.stats;

/**
 * The paired 2×2 table of two sides A and B scored on the same rows: rows both got right, rows only A
 * got right, rows only B got right, rows both got wrong. {@code onlyA} and {@code onlyB} are the
 * discordant pairs written as {@code discordant: [onlyA, onlyB]}.
 */
public record PairedCounts(int bothRight, int onlyA, int onlyB, int bothWrong) {

    public PairedCounts {
        if (bothRight < 0 || onlyA < 0 || onlyB < 0 || bothWrong < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    /** Tallies passes of A and B row by row; both arrays index the same rows. */
    public static PairedCounts of(boolean[] passedA, boolean[] passedB) {
        if (passedA.length != passedB.length) {
            throw new IllegalArgumentException(
                    "paired sides need the same rows, got " + passedA.length + " and " + passedB.length);
        }
        int bothRight = 0;
        int onlyA = 0;
        int onlyB = 0;
        int bothWrong = 0;
        for (int i = 0; i < passedA.length; i++) {
            if (passedA[i] && passedB[i]) {
                bothRight++;
            } else if (passedA[i]) {
                onlyA++;
            } else if (passedB[i]) {
                onlyB++;
            } else {
                bothWrong++;
            }
        }
        return new PairedCounts(bothRight, onlyA, onlyB, bothWrong);
    }

    public int n() {
        return bothRight + onlyA + onlyB + bothWrong;
    }

    public int rightA() {
        return bothRight + onlyA;
    }

    public int rightB() {
        return bothRight + onlyB;
    }

    /** Share of rows where the sides disagree, ψ in Connor's power formula. */
    public double discordantShare() {
        return n() == 0 ? Double.NaN : (double) (onlyA + onlyB) / n();
    }

    /** B's rate minus A's rate. */
    public double difference() {
        return n() == 0 ? Double.NaN : (double) (onlyB - onlyA) / n();
    }
}
