package dev.tunebench.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Tool;
import dev.tunebench.spi.ToolCall;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Judges tool calls against the expected answer's {@code tool_calls}. The calls judged are a served
 * model's structured calls or, when it returned none, the calls written in the answer text
 * ({@link ToolCallText} lists the accepted forms). {@code check} picks the figure:
 * <ul>
 *   <li>{@code call} (default): the same calls, order-free: each function name exact and its arguments
 *       equal as JSON (key order and number spelling do not matter);</li>
 *   <li>{@code name}: the same function names, order-free;</li>
 *   <li>{@code arguments}: per-argument accuracy, a value in [0, 1]: the share of argument names, over
 *       both calls, whose values are equal (an argument missing or extra counts as wrong); a call pairs
 *       with a produced call of the same name, an unpaired call scores 0;</li>
 *   <li>{@code schema}: format adherence: at least one call, each naming a tool the row offers with
 *       arguments valid against that tool's {@code parameters} schema.</li>
 * </ul>
 * A row whose expected answer is text expects no call: every check passes when the answer calls nothing.
 */
final class ToolCallScorer implements Scorer {
    enum Check { CALL, NAME, ARGUMENTS, SCHEMA }

    private final String name;
    private final String where;
    private final Check check;
    private final ToolSchemas schemas;

    private ToolCallScorer(String name, String where, Check check) {
        this.name = name;
        this.where = where;
        this.check = check;
        this.schemas = new ToolSchemas(where);
    }

    static ToolCallScorer from(Params params) {
        String given = params.string("check").orElse("call");
        List<String> known = List.of("call", "name", "arguments", "schema");
        if (!known.contains(given)) {
            throw params.error("check", "unknown check '" + given + "'; expected one of " + String.join(", ", known)
                    + Names.didYouMean(given, known));
        }
        return new ToolCallScorer(params.name(), params.where(), Check.valueOf(given.toUpperCase(Locale.ROOT)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Score score(String answer, String expected) {
        ToolCallText.Parsed want = ToolCallText.parse(expected);
        return score(new Attempt(answer, List.of(), expected, want.ok() ? want.calls() : List.of(), List.of()));
    }

    @Override
    public Score score(Attempt attempt) {
        List<ToolCall> produced;
        if (!attempt.toolCalls().isEmpty()) {
            produced = attempt.toolCalls();
        } else {
            ToolCallText.Parsed parsed = ToolCallText.parse(attempt.answer());
            if (!parsed.ok()) {
                return attempt.expectedToolCalls().isEmpty() ? Score.pass("") : Score.fail(null, parsed.problem());
            }
            produced = parsed.calls();
        }
        String shown = describe(produced);
        List<ToolCall> expected = attempt.expectedToolCalls();
        return switch (check) {
            case CALL -> sameCalls(produced, expected) ? Score.pass(shown)
                    : Score.fail(shown, "expected " + describe(expected));
            case NAME -> names(produced).equals(names(expected)) ? Score.pass(shown)
                    : Score.fail(shown, "expected function " + names(expected) + ", got " + names(produced));
            case ARGUMENTS -> arguments(produced, expected, shown);
            case SCHEMA -> produced.isEmpty() && expected.isEmpty() ? Score.pass(shown)
                    : schema(produced, attempt.tools(), shown);
        };
    }

    private static boolean sameCalls(List<ToolCall> produced, List<ToolCall> expected) {
        if (produced.size() != expected.size()) {
            return false;
        }
        List<ToolCall> left = new ArrayList<>(produced);
        for (ToolCall e : expected) {
            Optional<ToolCall> match = left.stream()
                    .filter(p -> p.name().equals(e.name()) && Json.equalByValue(args(p), args(e))).findFirst();
            if (match.isEmpty()) {
                return false;
            }
            left.remove(match.get());
        }
        return true;
    }

    private Score arguments(List<ToolCall> produced, List<ToolCall> expected, String shown) {
        if (produced.isEmpty() && expected.isEmpty()) {
            return Score.pass(shown);
        }
        List<ToolCall> left = new ArrayList<>(produced);
        double sum = 0;
        for (ToolCall e : expected) {
            Optional<ToolCall> match = left.stream().filter(p -> p.name().equals(e.name())).findFirst();
            if (match.isPresent()) {
                left.remove(match.get());
                sum += argumentShare(args(match.get()), args(e));
            }
        }
        double value = sum / Math.max(produced.size(), expected.size());
        return value >= 1.0 ? Score.pass(shown) : new Score(value, shown,
                "arguments " + String.format(Locale.ROOT, "%.0f%%", 100 * value) + " right; expected "
                        + describe(expected), null, null);
    }

    /** Equal values over the union of argument names; a call without arguments on both sides is right. */
    private static double argumentShare(JsonNode got, JsonNode want) {
        Set<String> names = new LinkedHashSet<>();
        got.fieldNames().forEachRemaining(names::add);
        want.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            return 1.0;
        }
        int equal = 0;
        for (String n : names) {
            if (got.has(n) && want.has(n) && Json.equalByValue(got.get(n), want.get(n))) {
                equal++;
            }
        }
        return equal / (double) names.size();
    }

    private Score schema(List<ToolCall> produced, List<Tool> tools, String shown) {
        if (produced.isEmpty()) {
            return Score.fail(shown, "no tool call in the answer");
        }
        if (tools.isEmpty()) {
            throw new InputException(where + ": check schema needs the tools the row offers, and this row has no "
                    + "\"tools\"; add the tools to the data line or use check: call");
        }
        for (ToolCall c : produced) {
            Optional<Tool> tool = tools.stream().filter(t -> t.name().equals(c.name())).findFirst();
            if (tool.isEmpty()) {
                return Score.fail(shown, "calls '" + c.name() + "', which is not one of the tools "
                        + tools.stream().map(Tool::name).toList());
            }
            if (!args(c).isObject()) {
                return Score.fail(shown, c.name() + ": arguments are not a JSON object: " + c.argumentsJson());
            }
            String problem = schemas.violations(tool.get(), c.argumentsJson());
            if (problem != null) {
                return Score.fail(shown, c.name() + ": " + problem);
            }
        }
        return Score.pass(shown);
    }

    private static List<String> names(List<ToolCall> calls) {
        return calls.stream().map(ToolCall::name).sorted().toList();
    }

    /** Arguments as JSON; a served model's unparsable arguments read as a string, so they never match. */
    private static JsonNode args(ToolCall call) {
        try {
            return Json.parse(call.argumentsJson());
        } catch (JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(call.argumentsJson());
        }
    }

    private static String describe(List<ToolCall> calls) {
        if (calls.isEmpty()) {
            return "no call";
        }
        StringBuilder s = new StringBuilder();
        for (Iterator<ToolCall> it = calls.iterator(); it.hasNext(); ) {
            ToolCall c = it.next();
            s.append(c.name()).append(args(c));
            if (it.hasNext()) {
                s.append(", ");
            }
        }
        return s.toString();
    }
}
