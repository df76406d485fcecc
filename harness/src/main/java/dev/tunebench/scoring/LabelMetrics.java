package dev.tunebench.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Classification metrics from their sufficient statistics, computed once: the confusion matrix
 * ({@code confusion[expected][predicted]} over the sorted {@code classes}) and, per expected class, the
 * predictions that could not be parsed. Unparsed predictions stay out of the matrix but count as wrong:
 * they lower accuracy and their class's recall. Every metric is a small function of these counts.
 * Immutable: arrays are copied in and out.
 */
public record LabelMetrics(List<String> classes, long[][] confusion, long[] unparsedByClass) {

    /** One class's figures; {@code predicted} is how often the class was predicted. */
    public record ClassMetrics(String label, double precision, double recall, double f1, long support, long predicted) {
    }

    public LabelMetrics {
        classes = List.copyOf(classes);
        int k = classes.size();
        if (confusion.length != k || unparsedByClass.length != k) {
            throw new IllegalArgumentException("expected " + k + " rows, one per class");
        }
        confusion = copy(confusion);
        for (long[] row : confusion) {
            if (row.length != k) {
                throw new IllegalArgumentException("expected a square confusion matrix of size " + k);
            }
        }
        unparsedByClass = unparsedByClass.clone();
    }

    public static Accumulator accumulator() {
        return new Accumulator();
    }

    @Override
    public long[][] confusion() {
        return copy(confusion);
    }

    @Override
    public long[] unparsedByClass() {
        return unparsedByClass.clone();
    }

    /** How often {@code expected} was predicted as {@code predicted}; 0 for unknown labels. */
    public long count(String expected, String predicted) {
        int e = classes.indexOf(expected);
        int p = classes.indexOf(predicted);
        return e < 0 || p < 0 ? 0 : confusion[e][p];
    }

    /** All pairs, unparsed ones included. */
    public long n() {
        return Arrays.stream(confusion).flatMapToLong(Arrays::stream).sum() + unparsed();
    }

    public long unparsed() {
        return Arrays.stream(unparsedByClass).sum();
    }

    public long correct() {
        long correct = 0;
        for (int i = 0; i < confusion.length; i++) {
            correct += confusion[i][i];
        }
        return correct;
    }

    /** Correct over all pairs (NaN when there are none). */
    public double accuracy() {
        long n = n();
        return n == 0 ? Double.NaN : (double) correct() / n;
    }

    public List<ClassMetrics> perClass() {
        List<ClassMetrics> result = new ArrayList<>(classes.size());
        for (int c = 0; c < classes.size(); c++) {
            long truePositives = confusion[c][c];
            long support = unparsedByClass[c];
            long predicted = 0;
            for (int j = 0; j < classes.size(); j++) {
                support += confusion[c][j];
                predicted += confusion[j][c];
            }
            // Precision is 0, not NaN, when a class was never predicted: a macro average must stay defined.
            double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
            double recall = support == 0 ? 0 : (double) truePositives / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            result.add(new ClassMetrics(classes.get(c), precision, recall, f1, support, predicted));
        }
        return List.copyOf(result);
    }

    /** Mean F1 over classes with support: a class only ever predicted wrongly has none (NaN if no class has). */
    public double macroF1() {
        return perClass().stream().filter(m -> m.support() > 0).mapToDouble(ClassMetrics::f1).average().orElse(Double.NaN);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMetrics other && classes.equals(other.classes)
                && Arrays.deepEquals(confusion, other.confusion) && Arrays.equals(unparsedByClass, other.unparsedByClass);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classes, Arrays.deepHashCode(confusion), Arrays.hashCode(unparsedByClass));
    }

    @Override
    public String toString() {
        return "LabelMetrics[classes=" + classes + ", confusion=" + Arrays.deepToString(confusion)
                + ", unparsedByClass=" + Arrays.toString(unparsedByClass) + "]";
    }

    private static long[][] copy(long[][] matrix) {
        long[][] copy = new long[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }

    /**
     * Counts (expected, predicted) pairs one by one, so a run never holds its samples. Classes are every
     * expected label plus every predicted one not among them. Not thread-safe: one per cell and thread.
     */
    public static final class Accumulator {
        private static final int INITIAL_CLASSES = 8;

        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> labels = new ArrayList<>();
        private long[][] counts = new long[INITIAL_CLASSES][INITIAL_CLASSES];
        private long[] unparsed = new long[INITIAL_CLASSES];

        private Accumulator() {
        }

        /** Adds one pair; a null {@code predicted} means the answer could not be parsed. */
        public Accumulator add(String expected, String predicted) {
            int e = indexOf(Objects.requireNonNull(expected, "expected label"));
            if (predicted == null) {
                unparsed[e]++;
            } else {
                // Index first: indexOf may grow (replace) the arrays that counts[e] would already have read.
                int p = indexOf(predicted);
                counts[e][p]++;
            }
            return this;
        }

        /** Adds a label scorer's score. */
        public Accumulator add(Score score) {
            if (score.expectedLabel() == null) {
                throw new IllegalArgumentException("not a label score (no expected label): " + score);
            }
            return add(score.expectedLabel(), score.predictedLabel());
        }

        public LabelMetrics result() {
            List<String> sorted = labels.stream().sorted().toList();
            int k = sorted.size();
            long[][] confusion = new long[k][k];
            long[] unparsedByClass = new long[k];
            for (int i = 0; i < k; i++) {
                int from = index.get(sorted.get(i));
                unparsedByClass[i] = unparsed[from];
                for (int j = 0; j < k; j++) {
                    confusion[i][j] = counts[from][index.get(sorted.get(j))];
                }
            }
            return new LabelMetrics(sorted, confusion, unparsedByClass);
        }

        private int indexOf(String label) {
            Integer known = index.get(label);
            if (known != null) {
                return known;
            }
            int next = labels.size();
            if (next == counts.length) {
                grow(2 * next);
            }
            index.put(label, next);
            labels.add(label);
            return next;
        }

        private void grow(int capacity) {
            long[][] larger = new long[capacity][capacity];
            for (int i = 0; i < counts.length; i++) {
                System.arraycopy(counts[i], 0, larger[i], 0, counts.length);
            }
            counts = larger;
            unparsed = Arrays.copyOf(unparsed, capacity);
        }
    }
}
