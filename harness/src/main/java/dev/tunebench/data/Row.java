package dev.tunebench.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Role;
import dev.tunebench.spi.Tool;
import dev.tunebench.spi.ToolCall;

import java.util.List;

/**
 * One evaluation item. {@code conversation} is the whole conversation as in the data, including the
 * final assistant turn that holds the expected answer; {@link #input()} is what a model may see.
 * {@code tools} and {@code parallelToolCalls} are the line's top-level {@code tools} and
 * {@code parallel_tool_calls} (empty and null when absent).
 *
 * @param index  0-based position in its file
 * @param rowId  {@code <file name>:<line>} (1-based line), stable across runs
 */
public record Row(int index, String rowId, List<Message> conversation, List<Tool> tools, Boolean parallelToolCalls) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Row {
        conversation = List.copyOf(conversation);
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (conversation.isEmpty() || conversation.get(conversation.size() - 1).role() != Role.ASSISTANT) {
            throw new IllegalArgumentException(rowId + ": the last turn must be the assistant's expected answer");
        }
    }

    public Row(int index, String rowId, List<Message> conversation) {
        this(index, rowId, conversation, List.of(), null);
    }

    /** Every turn but the final assistant answer: the model never sees the expected answer. */
    public List<Message> input() {
        return conversation.subList(0, conversation.size() - 1);
    }

    /**
     * The expected answer as text: the last assistant turn's content or, when that turn calls tools, the
     * calls as JSON in the form a model writes them: {@code {"name": ..., "arguments": {...}}}, or a list of
     * those for several calls.
     */
    public String expected() {
        Message last = conversation.get(conversation.size() - 1);
        return last.toolCalls().isEmpty() ? last.content() : callsText(last.toolCalls());
    }

    /** The tool calls of the expected answer; empty when the answer is text. */
    public List<ToolCall> expectedToolCalls() {
        return conversation.get(conversation.size() - 1).toolCalls();
    }

    private static String callsText(List<ToolCall> calls) {
        ArrayNode all = MAPPER.createArrayNode();
        for (ToolCall c : calls) {
            ObjectNode call = all.addObject();
            call.put("name", c.name());
            try {
                call.set("arguments", MAPPER.readTree(c.argumentsJson()));
            } catch (JsonProcessingException e) {
                // The reader checked every call's arguments; only a Row built by hand can get here.
                throw new IllegalArgumentException("arguments of " + c.name() + " are not JSON: " + c.argumentsJson(), e);
            }
        }
        return (calls.size() == 1 ? all.get(0) : all).toString();
    }
}
