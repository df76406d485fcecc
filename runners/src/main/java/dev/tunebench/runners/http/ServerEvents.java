package dev.tunebench.runners.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a {@code text/event-stream} body: each event's {@code data:} lines joined by newlines are handed
 * on as one string; comments ({@code :}), {@code event:}, {@code id:} and {@code retry:} fields are skipped.
 * The OpenAI stream ends with the event {@code [DONE]}.
 */
final class ServerEvents {
    static final String DONE = "[DONE]";

    private ServerEvents() {
    }

    /** Hands every event's data to {@code onData}; returns whether the stream ended with {@code [DONE]}. */
    static boolean read(InputStream body, Consumer<String> onData) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        boolean any = false;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (any) {
                    String event = data.toString();
                    if (event.equals(DONE)) {
                        return true;
                    }
                    onData.accept(event);
                    data.setLength(0);
                    any = false;
                }
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                if (any) {
                    data.append('\n');
                }
                data.append(value);
                any = true;
            }
        }
        // A last event without its blank line still counts (some servers close right after it).
        if (any) {
            if (data.toString().equals(DONE)) {
                return true;
            }
            onData.accept(data.toString());
        }
        return false;
    }
}
