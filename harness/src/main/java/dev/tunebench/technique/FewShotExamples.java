package dev.tunebench.technique;

import dev.tunebench.data.Row;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Role;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/** Chooses few-shot examples from a streamed pool and arranges them; memory stays O(k). */
public final class FewShotExamples {
    private FewShotExamples() {
    }

    /**
     * Selects up to {@code spec.k()} examples in pool order (fewer when the pool runs out; the caller
     * decides whether that is an error). Each example is the row's last user turn and its expected answer.
     */
    public static List<FewShot.Example> select(FewShotSpec spec, Stream<Row> pool) {
        Iterator<Row> rows = pool.iterator();
        return switch (spec.selection()) {
            case FIRST -> first(spec.k(), rows, false);
            case FIRST_DISTINCT_ANSWER -> first(spec.k(), rows, true);
            case RANDOM -> reservoir(spec.k(), rows, new Random(spec.seed()));
        };
    }

    /** The orderings to run: one list, or all k! orderings (lexicographic by selected position) for {@code permutations}. */
    public static List<List<FewShot.Example>> orderings(FewShotSpec spec, List<FewShot.Example> selected) {
        return switch (spec.order()) {
            case AS_IS -> List.of(List.copyOf(selected));
            case REVERSED -> {
                List<FewShot.Example> r = new ArrayList<>(selected);
                Collections.reverse(r);
                yield List.of(List.copyOf(r));
            }
            case SHUFFLED -> {
                List<FewShot.Example> s = new ArrayList<>(selected);
                Collections.shuffle(s, new Random(spec.seed()));
                yield List.of(List.copyOf(s));
            }
            case PERMUTATIONS -> {
                List<List<FewShot.Example>> all = new ArrayList<>();
                permute(selected, new ArrayList<>(), new boolean[selected.size()], all);
                yield List.copyOf(all);
            }
        };
    }

    private static List<FewShot.Example> first(int k, Iterator<Row> rows, boolean distinctAnswers) {
        List<FewShot.Example> out = new ArrayList<>(k);
        Set<String> answers = new HashSet<>();
        while (out.size() < k && rows.hasNext()) {
            Row row = rows.next();
            if (!distinctAnswers || answers.add(row.expected())) {
                out.add(example(row));
            }
        }
        return out;
    }

    private static List<FewShot.Example> reservoir(int k, Iterator<Row> rows, Random random) {
        List<Row> kept = new ArrayList<>(k);
        long seen = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            seen++;
            if (kept.size() < k) {
                kept.add(row);
            } else {
                long j = (long) (random.nextDouble() * seen);
                if (j < k) {
                    kept.set((int) j, row);
                }
            }
        }
        kept.sort(Comparator.comparingInt(Row::index));
        return kept.stream().map(FewShotExamples::example).toList();
    }

    private static void permute(List<FewShot.Example> items, List<FewShot.Example> prefix, boolean[] used,
                                List<List<FewShot.Example>> out) {
        if (prefix.size() == items.size()) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (!used[i]) {
                used[i] = true;
                prefix.add(items.get(i));
                permute(items, prefix, used, out);
                prefix.remove(prefix.size() - 1);
                used[i] = false;
            }
        }
    }

    private static FewShot.Example example(Row row) {
        List<Message> input = row.input();
        for (int i = input.size() - 1; i >= 0; i--) {
            if (input.get(i).role() == Role.USER) {
                return new FewShot.Example(input.get(i).content(), row.expected(), row.rowId());
            }
        }
        throw new InputException(row.rowId() + ": this few-shot pool row has no user turn to use as an example; "
                + "give it a {\"role\": \"user\", ...} turn before the assistant answer.");
    }
}
