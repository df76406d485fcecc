package dev.tunebench.reports.html;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.reports.CellKey;
import dev.tunebench.reports.Json;
import dev.tunebench.reports.RunFolder;
import dev.tunebench.reports.Text;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sample explorer's data: every row with each model × technique's output, baseline-wrong/candidate-right
 * and the reverse first, then other disagreements, then the rest. The page holds them as one inline JSON
 * block and its script renders one page of rows at a time, so a report of 100,000 samples opens and filters
 * quickly. Two streaming passes over samples.jsonl: the first keeps one byte per sample to order the rows,
 * the second fetches the texts (truncated) of the rows kept. Public only because FreeMarker reads the
 * components of public types alone.
 */
public final class Explorer {
    static final int DEFAULT_CAP = 100_000;
    static final int PROMPT_CHARS = 600;
    static final int OUTPUT_CHARS = 400;
    /**
     * Above this many prompt characters, only the first technique's prompt of each row is kept: the row's
     * question is the same under every technique, and a large run's report stays small enough to open fast.
     */
    static final long PROMPT_BUDGET = 4_000_000;

    private static final byte ABSENT = 0;
    private static final byte WRONG = 1;
    private static final byte RIGHT = 2;

    /**
     * {@code json}: the rows for the page's script, already escaped for an HTML script element;
     * {@code disagreeing} of {@code rows} rows get different outcomes; {@code kept} rows are in the report.
     */
    public record View(String json, long disagreeing, long rows, int kept, int cap, boolean everyPrompt,
                       List<String> models, List<String> techniques) {
        public boolean capped() {
            return rows > kept;
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
        Map<Long, String> tags = new HashMap<>();
        List<Long> improved = new ArrayList<>();
        List<Long> regressed = new ArrayList<>();
        List<Long> disagree = new ArrayList<>();
        List<Long> rest = new ArrayList<>();
        outcomes.keySet().stream().sorted().forEach(key -> {
            String t = classify(outcomes.get(key));
            tags.put(key, t);
            (t.contains("improved") ? improved : t.contains("regressed") ? regressed : t.isEmpty() ? rest : disagree).add(key);
        });
        Set<Long> chosen = choose(improved, regressed, disagree, rest);
        List<String> techniques = cells.keySet().stream().map(CellKey::technique).distinct().toList();
        boolean everyPrompt = (long) chosen.size() * techniques.size() * PROMPT_CHARS <= PROMPT_BUDGET;
        String onlyPrompt = everyPrompt || techniques.isEmpty() ? null : techniques.get(0);
        Map<Long, Collecting> texts = new LinkedHashMap<>();
        chosen.forEach(k -> texts.put(k, new Collecting(onlyPrompt)));
        run.forEachSample(s -> {
            Collecting c = texts.get(key(s));
            if (c != null) {
                c.add(s, cells);
            }
        });
        List<String> models = cells.keySet().stream().map(CellKey::model).distinct().toList();
        long disagreeing = tags.values().stream().filter(t -> !t.isEmpty()).count();
        return new View(json(texts, tags, models, techniques), disagreeing, outcomes.size(), texts.size(), cap,
                everyPrompt, models, techniques);
    }

    /**
     * {"cells": [[model index, technique index]...], "rows": [[row id, tags, expected, [prompt per technique],
     * [[cell index, outcome, output]...]]...]}; outcome r(ight), w(rong), e(rror) or u(nscored).
     */
    private String json(Map<Long, Collecting> texts, Map<Long, String> tags, List<String> models, List<String> techniques) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = SCRIPT_SAFE.getFactory().createGenerator(out)) {
            g.setCharacterEscapes(new ScriptEscapes());
            g.writeStartObject();
            g.writeArrayFieldStart("cells");
            for (CellKey k : cells.keySet()) {
                g.writeArray(new int[]{models.indexOf(k.model()), techniques.indexOf(k.technique())}, 0, 2);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            for (Map.Entry<Long, Collecting> e : texts.entrySet()) {
                e.getValue().write(g, tags.get(e.getKey()), techniques);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static final ObjectMapper SCRIPT_SAFE = new ObjectMapper();

    /**
     * Escapes what could end the script element or break the page as XML ({@code < > &}) and the two line
     * separators that older JavaScript parsers reject inside strings.
     */
    private static final class ScriptEscapes extends CharacterEscapes {
        private final int[] table;

        ScriptEscapes() {
            table = CharacterEscapes.standardAsciiEscapesForJSON();
            table['<'] = ESCAPE_STANDARD;
            table['>'] = ESCAPE_STANDARD;
            table['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 ? new SerializedString("\\u2028") : ch == 0x2029 ? new SerializedString("\\u2029") : null;
        }
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

    /** Space-separated tags (improved, regressed, disagree); empty when every cell agrees. */
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
        return String.join(" ", tags);
    }

    private static byte at(byte[] row, int index) {
        return index < row.length ? row[index] : ABSENT;
    }

    /** Improvements and regressions taken in turn so neither crowds the other out, then the rest. */
    private Set<Long> choose(List<Long> improved, List<Long> regressed, List<Long> disagree, List<Long> rest) {
        Set<Long> chosen = new LinkedHashSet<>();
        for (int i = 0; chosen.size() < cap && (i < improved.size() || i < regressed.size()); i++) {
            if (i < improved.size()) {
                chosen.add(improved.get(i));
            }
            if (i < regressed.size() && chosen.size() < cap) {
                chosen.add(regressed.get(i));
            }
        }
        for (List<Long> more : List.of(disagree, rest)) {
            for (int i = 0; chosen.size() < cap && i < more.size(); i++) {
                chosen.add(more.get(i));
            }
        }
        return chosen;
    }

    /** The texts of one kept row, gathered during the second pass. */
    private static final class Collecting {
        private final String onlyPrompt;
        private String rowId;
        private String expected;
        private final Map<String, String> prompts = new HashMap<>();
        private final Map<Integer, String[]> outputs = new java.util.TreeMap<>();

        /** {@code onlyPrompt}: the one technique whose prompt is kept, or null for every technique's. */
        Collecting(String onlyPrompt) {
            this.onlyPrompt = onlyPrompt;
        }

        void add(JsonNode s, Map<CellKey, Integer> order) {
            CellKey cell = new CellKey(Json.text(s, "model", "?"), Json.text(s, "technique", "?"));
            rowId = rowId != null ? rowId : Json.text(s, "row_id", "row " + Json.count(s, "row"))
                    + (Json.count(s, "repeat") > 0 ? " · repeat " + Json.count(s, "repeat") : "");
            expected = expected != null ? expected : Text.truncate(Json.text(s, "expected", ""), OUTPUT_CHARS);
            if (onlyPrompt == null || onlyPrompt.equals(cell.technique())) {
                prompts.putIfAbsent(cell.technique(), Text.truncate(Json.text(s, "prompt", ""), PROMPT_CHARS));
            }
            String error = Json.text(s, "error", null);
            String text = error != null ? "error: " + error : Json.text(s, "answer", Json.text(s, "completion", ""));
            byte o = outcome(s);
            outputs.putIfAbsent(order.get(cell), new String[]{error != null ? "e" : o == RIGHT ? "r" : o == WRONG ? "w" : "u",
                    Text.truncate(text, OUTPUT_CHARS)});
        }

        void write(JsonGenerator g, String tags, List<String> techniques) throws IOException {
            g.writeStartArray();
            g.writeString(rowId);
            g.writeString(tags);
            g.writeString(expected);
            g.writeStartArray();
            for (String t : techniques) {
                g.writeString(prompts.getOrDefault(t, ""));
            }
            g.writeEndArray();
            g.writeStartArray();
            for (Map.Entry<Integer, String[]> o : outputs.entrySet()) {
                g.writeStartArray();
                g.writeNumber(o.getKey());
                g.writeString(o.getValue()[0]);
                g.writeString(o.getValue()[1]);
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndArray();
        }
    }
}
