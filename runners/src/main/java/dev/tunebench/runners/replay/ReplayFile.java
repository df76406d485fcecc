package dev.tunebench.runners.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.data.Suggestions;
import dev.tunebench.runners.http.ChatAnswer;
import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.RequestKey;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers made elsewhere, from one or more files (e.g. a batch's output file and its error file), one JSON
 * object a line, in either of two formats (they may be mixed):
 * <ul>
 *   <li>the OpenAI / Azure OpenAI Batch API output: {@code {"custom_id", "response": {"status_code", "body":
 *   chat.completion}, "error": {"code", "message"}}} for requests that {@code tunebench batch export} wrote;</li>
 *   <li>tunebench's replay format: {@code {"row_id" (file:line) + "technique" [+ "repeat"] or "custom_id",
 *   "completion" or "error", optional "model", "prompt_tokens", "completion_tokens", "finish_reason",
 *   "latency_ms"}} (what {@code tunebench samples export} writes).</li>
 * </ul>
 * Every problem is an {@link InputException} naming the file, the line and the fix; nothing is skipped.
 */
final class ReplayFile {
    /** A request of one model: the file answers for one model only. */
    record Key(String technique, String rowId, int repeat) {
        static Key of(RequestKey k) {
            return new Key(k.technique(), k.rowId(), k.repeat());
        }

        @Override
        public String toString() {
            return "technique " + technique + ", row " + rowId + ", repeat " + repeat;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REPLAY_KEYS = List.of("custom_id", "model", "technique", "row_id", "repeat",
            "completion", "error", "prompt_tokens", "completion_tokens", "finish_reason", "latency_ms");

    private final List<Path> files;
    private final Map<Key, ReplayLine> answers;
    private final int lines;

    private ReplayFile(List<Path> files, Map<Key, ReplayLine> answers, int lines) {
        this.files = List.copyOf(files);
        this.answers = Collections.unmodifiableMap(answers);
        this.lines = lines;
    }

    List<Path> files() {
        return files;
    }

    Map<Key, ReplayLine> answers() {
        return answers;
    }

    /** Non-blank lines read, in all files. */
    int lines() {
        return lines;
    }

    /**
     * Reads and checks every line of every file; one request answered twice (in one file or two) is an error.
     *
     * @param modelId the suite's id of the model replayed: a line naming another model is an error; null to
     *                skip that check
     */
    static ReplayFile read(List<Path> files, String modelId) {
        Map<Key, ReplayLine> answers = new LinkedHashMap<>();
        int count = 0;
        for (Path file : files) {
            count += read(file, modelId, answers);
        }
        return new ReplayFile(files, answers, count);
    }

    private static int read(Path file, String modelId, Map<Key, ReplayLine> answers) {
        int count = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                count++;
                Parsed p = new LineReader(file, number, object(file, number, text)).parse();
                if (modelId != null && p.model() != null && !p.model().equals(modelId)) {
                    throw new InputException(file + ":" + number + ": this line answers model '" + p.model()
                            + "', but the file is replayed for model '" + modelId + "'. Give each model its own file "
                            + "(tunebench batch export --model " + modelId + "), or point runner.file of '" + modelId
                            + "' at that model's file.");
                }
                ReplayLine before = answers.putIfAbsent(p.key(), p.line());
                if (before != null) {
                    throw new InputException(file + ":" + number + ": a second answer for " + p.key() + " (the first is at "
                            + (before.file().equals(file) ? "line " + before.line() : before.where())
                            + "). Keep one line per request: remove the duplicate, or give it its repeat.");
                }
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InputException(file + ": not UTF-8 text. Save the file as UTF-8 JSON lines.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return count;
    }

    private static JsonNode object(Path file, int number, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(file + ":" + number + ": not JSON (" + e.getOriginalMessage() + "). Each line must "
                    + "be one JSON object: a Batch API output line or {\"row_id\", \"technique\", \"completion\"}.");
        }
        if (node == null || !node.isObject()) {
            throw new InputException(file + ":" + number + ": expected a JSON object, got " + (node == null ? "nothing"
                    : node.getNodeType().name().toLowerCase(Locale.ROOT)) + ". Each line must be one JSON object.");
        }
        return node;
    }

    private record Parsed(String model, Key key, ReplayLine line) {
    }

    /** One line's checks; every message starts with {@code file:line:}. */
    private record LineReader(Path file, int number, JsonNode node) {
        Parsed parse() {
            if (node.has("method") && node.has("body") && node.has("url")) {
                throw error("this is a Batch API input (request) line. Replay the output file the provider gives back "
                        + "once the batch is done, not the file you submitted.");
            }
            // An error file's line may lack response; its error is an object, a replay line's error is text.
            return node.has("response") || node.path("error").isObject() ? batchOutput() : replayLine();
        }

        private Parsed batchOutput() {
            RequestKey key = exported(text("custom_id", true));
            JsonNode error = node.get("error");
            if (error != null && !error.isNull()) {
                return parsed(key, new ReplayLine.Failed(file, number, "the provider failed this request: "
                        + error.path("code").asText("error") + ": " + error.path("message").asText(error.toString())));
            }
            JsonNode response = node.get("response");
            if (response == null || !response.isObject()) {
                throw error("response is neither an object nor is there an error. Expected a Batch API output line: "
                        + "{\"custom_id\", \"response\": {\"status_code\", \"body\"}, \"error\"}.");
            }
            int status = response.path("status_code").asInt(-1);
            JsonNode body = response.get("body");
            if (status != 200) {
                String says = body == null ? "" : body.path("error").path("message").asText("");
                return parsed(key, new ReplayLine.Failed(file, number, "the provider answered HTTP " + status
                        + (says.isEmpty() ? "" : ": " + says)));
            }
            if (body == null || !body.isObject() || !body.path("choices").isArray() || body.path("choices").isEmpty()) {
                throw error("response.body holds no choices; expected a chat.completion object. Export with "
                        + "`tunebench batch export`, which asks /chat/completions.");
            }
            ChatAnswer a = ChatAnswer.read(body);
            return parsed(key, new ReplayLine.Answer(file, number, a.text(), a.finishReason(), a.promptTokens(),
                    a.completionTokens(), null, a.toolCalls()));
        }

        private Parsed replayLine() {
            for (var it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!REPLAY_KEYS.contains(name)) {
                    throw error("unknown key '" + name + "'" + Suggestions.didYouMean(name, REPLAY_KEYS) + ". A replay line "
                            + "has " + String.join(", ", REPLAY_KEYS) + " (or is a Batch API output line with response).");
                }
            }
            String model = text("model", false);
            RequestKey key;
            String customId = text("custom_id", false);
            if (customId != null) {
                key = exported(customId);
                if (model != null && !model.equals(key.model())) {
                    throw error("model '" + model + "' differs from the model in custom_id ('" + key.model()
                            + "'). Keep the custom_id as exported, or drop the model key.");
                }
            } else {
                String rowId = text("row_id", false);
                if (rowId == null) {
                    throw error("no row_id or custom_id: say which request this answers, e.g. \"row_id\": \"test.jsonl:3\" "
                            + "(the data file's name and line) with \"technique\".");
                }
                String technique = text("technique", true);
                key = new RequestKey(model == null ? "" : model, technique, rowId, whole("repeat", 0).orElse(0));
                if (model == null) {
                    return parsed(null, Key.of(key));
                }
            }
            return parsed(key.model(), Key.of(key));
        }

        private Parsed parsed(RequestKey key, ReplayLine line) {
            return new Parsed(key.model(), Key.of(key), line);
        }

        private Parsed parsed(String model, Key key) {
            boolean hasCompletion = node.has("completion") && !node.get("completion").isNull();
            boolean hasError = node.has("error") && !node.get("error").isNull();
            if (hasCompletion == hasError) {
                throw error(hasCompletion ? "both completion and error; give one." : "no completion: give \"completion\" "
                        + "(the model's text) or \"error\" (why there is none).");
            }
            if (hasError) {
                return new Parsed(model, key, new ReplayLine.Failed(file, number, text("error", true)));
            }
            Double latency = node.has("latency_ms") && !node.get("latency_ms").isNull() ? latency() : null;
            return new Parsed(model, key, new ReplayLine.Answer(file, number, text("completion", true), finishReason(),
                    whole("prompt_tokens", 0).orElse(null), whole("completion_tokens", 0).orElse(null), latency, List.of()));
        }

        private FinishReason finishReason() {
            String reason = text("finish_reason", false);
            if (reason == null) {
                return FinishReason.EOS;
            }
            return switch (reason) {
                case "length" -> FinishReason.LENGTH;
                case "stop_string" -> FinishReason.STOP_STRING;
                case "stop", "eos", "tool_calls", "content_filter" -> FinishReason.EOS;
                default -> throw error("finish_reason '" + reason + "' is none of stop, eos, length, stop_string, "
                        + "tool_calls, content_filter.");
            };
        }

        private double latency() {
            JsonNode v = node.get("latency_ms");
            if (!v.isNumber() || v.asDouble() < 0 || !Double.isFinite(v.asDouble())) {
                throw error("latency_ms must be a number of milliseconds >= 0, got " + v + ".");
            }
            return v.asDouble();
        }

        private java.util.Optional<Integer> whole(String key, int min) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return java.util.Optional.empty();
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min) {
                throw error(key + " must be a whole number >= " + min + ", got " + v + ".");
            }
            return java.util.Optional.of(v.asInt());
        }

        private String text(String key, boolean required) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (required) {
                    throw error("missing " + key + ".");
                }
                return null;
            }
            if (!v.isTextual()) {
                throw error(key + " must be text, got " + v + ".");
            }
            return v.asText();
        }

        private RequestKey exported(String customId) {
            return CustomId.parse(customId).orElseThrow(() -> error("custom_id '" + customId + "' was not written by "
                    + "tunebench batch export (expected tb|MODEL|TECHNIQUE|ROW_ID|REPEAT). Replay the output of a file "
                    + "`tunebench batch export` wrote, or key the line by \"row_id\" and \"technique\" instead."));
        }

        private InputException error(String problem) {
            return new InputException(file + ":" + number + ": " + problem);
        }
    }
}
