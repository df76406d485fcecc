package dev.tunebench.runners.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The demo data files as conversations (the last turn is the expected assistant answer). */
final class DemoConversations {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoConversations() {
    }

    static List<List<Message>> read(String fileName) {
        List<List<Message>> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(TestModels.root().resolve("suites/demo/data").resolve(fileName))) {
                if (line.isBlank()) {
                    continue;
                }
                List<Message> conversation = new ArrayList<>();
                for (JsonNode m : JSON.readTree(line).path("messages")) {
                    conversation.add(new Message(Role.fromWireName(m.path("role").asText()), m.path("content").asText(),
                            m.path("weight").asInt(1) == 1));
                }
                out.add(conversation);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Everything but the expected answer: what the model is shown. */
    static List<Message> input(List<Message> conversation) {
        return conversation.subList(0, conversation.size() - 1);
    }
}
