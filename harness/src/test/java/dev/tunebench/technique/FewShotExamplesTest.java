package dev.tunebench.technique;

import dev.tunebench.data.Row;
import dev.tunebench.spi.Message;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class FewShotExamplesTest {
    private static final List<String> ANSWERS = List.of("a", "a", "b", "a", "c", "b", "d", "e");

    private static Stream<Row> pool() {
        return IntStream.range(0, ANSWERS.size()).mapToObj(i -> new Row(i, "p:" + (i + 1),
                List.of(Message.system("s"), Message.user("q" + i), Message.assistant(ANSWERS.get(i)))));
    }

    private static List<String> users(List<FewShot.Example> examples) {
        return examples.stream().map(FewShot.Example::user).toList();
    }

    private static FewShotSpec spec(int k, FewShotSpec.Selection s, FewShotSpec.Order o, long seed) {
        return new FewShotSpec(k, s, o, seed);
    }

    @Test
    void firstTakesTheFirstKRows() {
        List<FewShot.Example> e = FewShotExamples.select(spec(3, FewShotSpec.Selection.FIRST, FewShotSpec.Order.AS_IS, 0), pool());
        assertEquals(List.of("q0", "q1", "q2"), users(e));
        assertEquals(new FewShot.Example("q0", "a", "p:1"), e.get(0));
    }

    @Test
    void firstDistinctAnswerTakesTheFirstRowOfEachNewAnswer() {
        assertEquals(List.of("q0", "q2", "q4"), users(FewShotExamples.select(
                spec(3, FewShotSpec.Selection.FIRST_DISTINCT_ANSWER, FewShotSpec.Order.AS_IS, 0), pool())));
    }

    @Test
    void randomIsSeededAndKeepsFileOrder() {
        FewShotSpec s = spec(3, FewShotSpec.Selection.RANDOM, FewShotSpec.Order.AS_IS, 7);
        List<String> once = users(FewShotExamples.select(s, pool()));
        assertEquals(once, users(FewShotExamples.select(s, pool())));
        assertEquals(once.stream().sorted((x, y) -> Integer.compare(Integer.parseInt(x.substring(1)),
                Integer.parseInt(y.substring(1)))).toList(), once);
        List<List<String>> bySeed = IntStream.range(0, 20).mapToObj(seed -> users(FewShotExamples.select(
                spec(3, FewShotSpec.Selection.RANDOM, FewShotSpec.Order.AS_IS, seed), pool()))).distinct().toList();
        assertNotEquals(1, bySeed.size());
    }

    @Test
    void poolSmallerThanKReturnsWhatThereIs() {
        assertEquals(5, FewShotExamples.select(spec(9, FewShotSpec.Selection.FIRST_DISTINCT_ANSWER, FewShotSpec.Order.AS_IS, 0), pool()).size());
    }

    @Test
    void ordersReverseShuffleAndPermute() {
        List<FewShot.Example> three = FewShotExamples.select(spec(3, FewShotSpec.Selection.FIRST, FewShotSpec.Order.AS_IS, 0), pool());
        assertEquals(List.of(List.of("q2", "q1", "q0")), FewShotExamples.orderings(
                spec(3, FewShotSpec.Selection.FIRST, FewShotSpec.Order.REVERSED, 0), three).stream().map(FewShotExamplesTest::users).toList());
        List<List<FewShot.Example>> shuffled = FewShotExamples.orderings(spec(3, FewShotSpec.Selection.FIRST, FewShotSpec.Order.SHUFFLED, 3), three);
        assertEquals(shuffled, FewShotExamples.orderings(spec(3, FewShotSpec.Selection.FIRST, FewShotSpec.Order.SHUFFLED, 3), three));
        assertEquals(List.of(List.of("q0", "q1", "q2"), List.of("q0", "q2", "q1"), List.of("q1", "q0", "q2"),
                        List.of("q1", "q2", "q0"), List.of("q2", "q0", "q1"), List.of("q2", "q1", "q0")),
                FewShotExamples.orderings(spec(3, FewShotSpec.Selection.FIRST, FewShotSpec.Order.PERMUTATIONS, 0), three)
                        .stream().map(FewShotExamplesTest::users).toList());
    }
}
