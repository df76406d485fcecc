package dev.tunebench.scoring;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.spi.InputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses answer and expected answer as JSON and passes when they are deeply equal: object key order and
 * number spelling ({@code 1} vs {@code 1.0}) do not matter. With {@code fields}, only those fields are
 * compared (names, or JSON Pointers for nested ones), so extra fields in the answer are allowed.
 */
record JsonMatchScorer(String name, String where, List<String> fields, List<JsonPointer> pointers) implements Scorer {

    static JsonMatchScorer from(Params params) {
        List<String> fields = params.strings("fields").orElse(List.of());
        List<JsonPointer> pointers = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            pointers.add(JsonField.pointer(params, "fields[" + i + "]", fields.get(i)));
        }
        return new JsonMatchScorer(params.name(), params.where(), fields, List.copyOf(pointers));
    }

    @Override
    public Score score(String answer, String expected) {
        JsonNode got;
        try {
            got = Json.parse(answer);
        } catch (JsonProcessingException e) {
            return Score.fail(answer, "not JSON: " + Json.problem(e));
        }
        JsonNode want;
        try {
            want = Json.parse(expected);
        } catch (JsonProcessingException e) {
            throw new InputException(where + ": expected answer is not JSON (" + Json.problem(e)
                    + "); a json_match scorer needs JSON answers in the data");
        }
        if (pointers.isEmpty()) {
            return Json.equalByValue(got, want) ? Score.pass(answer) : Score.fail(answer, "differs from expected");
        }
        for (int i = 0; i < pointers.size(); i++) {
            JsonNode g = got.at(pointers.get(i));
            JsonNode w = want.at(pointers.get(i));
            if (g.isMissingNode() && !w.isMissingNode()) {
                return Score.fail(answer, "missing field " + fields.get(i));
            }
            if (!Json.equalByValue(g, w)) {
                return Score.fail(answer, "field " + fields.get(i) + " is " + g + ", expected " + w);
            }
        }
        return Score.pass(answer);
    }
}
