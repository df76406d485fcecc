package dev.tunebench.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.reports.CellKey;
import dev.tunebench.reports.Json;
import dev.tunebench.reports.RunFolder;
import dev.tunebench.reports.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sample explorer: rows on which models or techniques disagree, baseline-wrong/candidate-right and the
 * reverse first. Two streaming passes over samples.jsonl: the first keeps one byte per sample (right,
 * wrong or absent) to find the disagreements; the second fetches texts only for the rows shown, so memory
 * and report size stay bounded by the cap, not by the run. Public only because FreeMarker reads the
 * components of public types alone.
 */
public final class Explorer {
    static final int DEFAULT_CAP = 300;
    static final int PROMPT_CHARS = 2000;
    static final int OUTPUT_CHARS = 1000;

    private static final byte ABSENT = 0;
    private static final byte WRONG = 1;
    private static final byte RIGHT = 2;

    public record Output(String model, String technique, String outcome, String text) {
    }

    public record PromptText(String technique, String text) {
    }

    /** {@code outcome} holds space-separated tags: improved, regressed, disagree. */
    public record Entry(String rowId, String outcome, String expected, List<PromptText> prompts, List<Output> outputs) {
    }

    public record View(List<Entry> entries, long disagreeing, long rows, int cap, List<String> models,
                List<String> techniques) {
        public boolean capped() {
            return disagreeing > entries.size();
        }
    }

    private final RunFolder run;
    private final int cap;
    private final Map<CellKey, Integer> cells = new LinkedHashMap<>();
    private final Map<Long, byte[]> outcomes = new HashMap<>();

    Explorer(RunFolder run, int cap) {
        this.run = run;
        this.cap = cap;
        run.summary().cells().forEach(c -> cells.putIfAbsent(c.key(), cells.size()));
    }

    View build() {
        run.forEachSample(this::record);
        Map<Long, String> tags = new LinkedHashMap<>();
        List<Long> improved = new ArrayList<>();
        List<Long> regressed = new ArrayList<>();
        List<Long> other = new ArrayList<>();
        outcomes.keySet().stream().sorted().forEach(key -> {
            String t = classify(outcomes.get(key));
            if (t != null) {
                tags.put(key, t);
                (t.contains("improved") ? improved : t.contains("regressed") ? regressed : other).add(key);
            }
        });
        Set<Long> chosen = choose(improved, regressed, other);
        Map<Long, Collecting> texts = new LinkedHashMap<>();
        chosen.forEach(k -> texts.put(k, new Collecting()));
        run.forEachSample(s -> {
            Collecting c = texts.get(key(s));
            if (c != null) {
                c.add(s);
            }
        });
        List<Entry> entries = new ArrayList<>();
        texts.forEach((k, c) -> entries.add(c.entry(tags.get(k), cells)));
        return new View(List.copyOf(entries), tags.size(), outcomes.size(), cap,
                cells.keySet().stream().map(CellKey::model).distinct().toList(),
                cells.keySet().stream().map(CellKey::technique).distinct().toList());
    }

    private void record(JsonNode s) {
        CellKey cell = new CellKey(Json.text(s, "model", "?"), Json.text(s, "technique", "?"));
        int index = cells.computeIfAbsent(cell, k -> cells.size());
        byte[] row = outcomes.computeIfAbsent(key(s), k -> new byte[cells.size()]);
        if (row.length <= index) {
            row = Arrays.copyOf(row, cells.size());
            outcomes.put(key(s), row);
        }
        row[index] = outcome(s);
    }

    /** A row and its repeat, packed: repeats of one row are separate samples of the same item. */
    private static long key(JsonNode s) {
        return (Json.count(s, "row") << 16) | (Json.count(s, "repeat") & 0xFFFF);
    }

    /** Right when accuracy is at least 0.5, so graded scorers still split into right and wrong. */
    private static byte outcome(JsonNode s) {
        if (Json.text(s, "error", null) != null) {
            return WRONG;
        }
        Double accuracy = Json.number(s, "accuracy");
        return accuracy == null ? ABSENT : accuracy >= 0.5 ? RIGHT : WRONG;
    }

    private String classify(byte[] row) {
        Set<String> tags = new LinkedHashSet<>();
        String baseline = run.summary().baseline();
        for (Map.Entry<CellKey, Integer> base : cells.entrySet()) {
            if (!base.getKey().model().equals(baseline) || at(row, base.getValue()) == ABSENT) {
                continue;
            }
            for (Map.Entry<CellKey, Integer> cand : cells.entrySet()) {
                byte b = at(row, base.getValue());
                byte c = at(row, cand.getValue());
                if (cand.getKey().technique().equals(base.getKey().technique()) && c != ABSENT && c != b) {
                    tags.add(b == WRONG ? "improved" : "regressed");
                }
            }
        }
        byte seen = ABSENT;
        for (byte o : row) {
            if (o != ABSENT && seen != ABSENT && o != seen) {
                tags.add("disagree");
            }
            seen = o == ABSENT ? seen : o;
        }
        return tags.isEmpty() ? null : String.join(" ", tags);
    }

    private static byte at(byte[] row, int index) {
        return index < row.length ? row[index] : ABSENT;
    }

    /** Improvements and regressions taken in turn so neither crowds the other out, then the rest. */
    private Set<Long> choose(List<Long> improved, List<Long> regressed, List<Long> other) {
        Set<Long> chosen = new LinkedHashSet<>();
        for (int i = 0; chosen.size() < cap && (i < improved.size() || i < regressed.size()); i++) {
            if (i < improved.size()) {
                chosen.add(improved.get(i));
            }
            if (i < regressed.size() && chosen.size() < cap) {
                chosen.add(regressed.get(i));
            }
        }
        for (int i = 0; chosen.size() < cap && i < other.size(); i++) {
            chosen.add(other.get(i));
        }
        return chosen;
    }

    /** The texts of one shown row, gathered during the second pass. */
    private static final class Collecting {
        private String rowId;
        private String expected;
        private final Map<String, String> prompts = new LinkedHashMap<>();
        private final Map<CellKey, Output> outputs = new HashMap<>();

        void add(JsonNode s) {
            CellKey cell = new CellKey(Json.text(s, "model", "?"), Json.text(s, "technique", "?"));
            rowId = rowId != null ? rowId : Json.text(s, "row_id", "row " + Json.count(s, "row"))
                    + (Json.count(s, "repeat") > 0 ? " · repeat " + Json.count(s, "repeat") : "");
            expected = expected != null ? expected : Text.truncate(Json.text(s, "expected", ""), OUTPUT_CHARS);
            prompts.putIfAbsent(cell.technique(), Text.truncate(Json.text(s, "prompt", ""), PROMPT_CHARS));
            String error = Json.text(s, "error", null);
            String text = error != null ? "error: " + error : Json.text(s, "answer", Json.text(s, "completion", ""));
            byte o = outcome(s);
            outputs.put(cell, new Output(cell.model(), cell.technique(),
                    error != null ? "error" : o == RIGHT ? "right" : o == WRONG ? "wrong" : "unscored",
                    Text.truncate(text, OUTPUT_CHARS)));
        }

        Entry entry(String tags, Map<CellKey, Integer> order) {
            List<Output> sorted = order.keySet().stream().map(outputs::get).filter(o -> o != null).toList();
            List<PromptText> p = prompts.entrySet().stream().map(e -> new PromptText(e.getKey(), e.getValue())).toList();
            return new Entry(rowId, tags, expected, p, sorted);
        }
    }
}
