package dev.tunebench.technique;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a suite asks for few-shot examples: {@code k} of them, chosen from the pool by {@code selection}
 * and arranged by {@code order}; {@code seed} drives {@code random} and {@code shuffled}.
 */
public record FewShotSpec(int k, Selection selection, Order order, long seed) {

    /** Beyond this, {@code permutations} would expand one technique into an unreadable number of them. */
    public static final int MAX_PERMUTED_K = 5;

    public enum Selection {
        /** The first k pool rows, in file order. */
        FIRST,
        /** The first pool row of each of the first k distinct expected answers, in file order. */
        FIRST_DISTINCT_ANSWER,
        /** k pool rows drawn uniformly with the seed (reservoir sampling, so the pool is streamed), in file order. */
        RANDOM;

        public String suiteName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public enum Order {
        /** As selected. */
        AS_IS,
        /** Selected order reversed (the example nearest the question comes first in the file). */
        REVERSED,
        /** Shuffled with the seed. */
        SHUFFLED,
        /** Every ordering: the technique expands into k! techniques named {@code name[perm-1]}... */
        PERMUTATIONS;

        public String suiteName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public FewShotSpec {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(order, "order");
    }

    public static List<String> selectionNames() {
        return Arrays.stream(Selection.values()).map(Selection::suiteName).toList();
    }

    public static List<String> orderNames() {
        return Arrays.stream(Order.values()).map(Order::suiteName).toList();
    }
}
