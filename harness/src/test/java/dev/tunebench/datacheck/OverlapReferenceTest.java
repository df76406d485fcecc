package dev.tunebench.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Duplicates and overlap on the demo data, pair by pair, against a brute-force Python reference that compares
 * every pair directly (src/test/resources/datacheck/overlap_reference.py, its output committed beside it):
 * MinHash must find every pair the reference finds, with the same exact similarity and answer agreement.
 */
class OverlapReferenceTest {
    static final Path DATA = Path.of(System.getProperty("tunebench.root", "..")).toAbsolutePath().normalize()
            .resolve("suites/demo/data");
    private static JsonNode reference;
    private static List<Example> train;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = OverlapReferenceTest.class.getResourceAsStream("/datacheck/overlap_reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        train = ChatFile.read(DATA.resolve("train.jsonl")).examples();
    }

    @Test
    void duplicatesInsideTheTrainingFileAreTheReferencePairs() {
        assertSamePairs(reference.get("within_train"), Overlap.within(train));
    }

    @Test
    void overlapWithTheTestFileIsTheReferencePairs() {
        assertSamePairs(reference.get("train_vs_test"), Overlap.between(train, ChatFile.read(DATA.resolve("test.jsonl")).examples()));
    }

    @Test
    void overlapWithTheValidationFileIsTheReferencePairs() {
        assertSamePairs(reference.get("train_vs_validation"),
                Overlap.between(train, ChatFile.read(DATA.resolve("validation.jsonl")).examples()));
    }

    private static void assertSamePairs(JsonNode expected, List<Overlap.Pair> actual) {
        Map<String, String> want = new TreeMap<>();
        expected.forEach(p -> want.put(p.get("line").asInt() + "/" + p.get("other_line").asInt(),
                describe(p.get("exact").asBoolean(), p.get("similarity").asDouble(), p.get("same_answer").asBoolean())));
        Map<String, String> got = new TreeMap<>();
        actual.forEach(p -> got.put(p.line() + "/" + p.otherLine(), describe(p.exact(), p.similarity(), p.sameAnswer())));
        assertEquals(want, got);
    }

    private static String describe(boolean exact, double similarity, boolean sameAnswer) {
        return (exact ? "exact" : "near") + String.format(java.util.Locale.ROOT, " %.9f", similarity) + (sameAnswer ? " same" : " different");
    }
}
