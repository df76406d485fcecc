package dev.tunebench.datacheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.data.Conversation;
import dev.tunebench.data.Row;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Role;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A chat fine-tuning JSONL file read for checking: every line is parsed and checked; well-formed lines become
 * {@link Example}s, the others {@link Finding}s. Blank lines are skipped, as {@code run} skips them.
 */
public record ChatFile(Path file, int lines, List<Example> examples, List<Finding> findings) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ChatFile {
        examples = List.copyOf(examples);
        findings = List.copyOf(findings);
    }

    /** True when a fine-tuning service would reject the file. */
    public boolean rejected() {
        return !findings.isEmpty() || examples.isEmpty();
    }

    public static ChatFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": no such file; give the path of a chat JSONL file.");
        }
        List<Example> examples = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        int number = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line;
                try {
                    line = MAPPER.readTree(text);
                } catch (JsonProcessingException e) {
                    findings.add(new Finding(number, "", "not valid JSON (" + e.getOriginalMessage()
                            + "); each line is one JSON object."));
                    continue;
                }
                List<Finding> found = FormatRules.check(line, number, file.getFileName().toString());
                if (found.isEmpty()) {
                    examples.add(example(line, number, file));
                } else {
                    findings.addAll(found);
                }
            }
        } catch (CharacterCodingException e) {
            throw new InputException(file + ": line " + (number + 1) + " is not UTF-8 text; save the file as UTF-8.", e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ").", e);
        }
        return new ChatFile(file, number, examples, findings);
    }

    private static Example example(JsonNode line, int number, Path file) {
        List<Message> messages = Conversation.read(line, file.getFileName() + ":" + number).messages();
        int last = lastAssistant(messages);
        String input = messages.subList(0, last).stream()
                .filter(m -> m.role() != Role.SYSTEM && m.content() != null)
                .map(Message::content)
                .collect(Collectors.joining("\n"));
        String answer = new Row(number - 1, file.getFileName() + ":" + number, messages.subList(0, last + 1)).expected();
        return new Example(number, messages, input, answer);
    }

    private static int lastAssistant(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.ASSISTANT) {
                return i;
            }
        }
        throw new IllegalStateException("format rules require an assistant turn");
    }
}
