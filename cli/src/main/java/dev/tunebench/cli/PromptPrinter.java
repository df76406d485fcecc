package dev.tunebench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.spi.PromptTokens;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a prompt's text and tokens for people (a table of ids and pieces) or as one JSON object. */
final class PromptPrinter {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The suite's prompt price for the model whose tokens are shown. */
    record Cost(String model, String currency, double promptPer1k) {
        double of(int tokens) {
            return tokens * promptPer1k / 1000.0;
        }
    }

    private final PrintWriter out;
    private final boolean json;

    PromptPrinter(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    void print(PromptTokens t, Cost cost) throws JsonProcessingException {
        int[] ids = t.ids();
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            o.put("text", t.text());
            ArrayNode idArray = o.putArray("token_ids");
            for (int id : ids) {
                idArray.add(id);
            }
            ArrayNode pieces = o.putArray("tokens");
            t.pieces().forEach(pieces::add);
            o.put("prompt_tokens", ids.length);
            if (cost != null) {
                o.put("prompt_cost", cost.of(ids.length));
                o.put("currency", cost.currency());
            }
            out.println(JSON.writeValueAsString(o));
            return;
        }
        out.println("----- rendered prompt (exact text, between the rules) -----");
        out.print(t.text());
        if (!t.text().endsWith("\n")) {
            out.println();
            out.println("(no newline at the end)");
        }
        out.println("-----");
        out.println("prompt tokens: " + ids.length);
        if (cost != null) {
            out.println(String.format(Locale.ROOT, "prompt cost: %.8f %s per request, %.4f %s per 1k requests "
                            + "(%s at %s %s per 1K prompt tokens)", cost.of(ids.length), cost.currency(),
                    1000 * cost.of(ids.length), cost.currency(), cost.model(), cost.promptPer1k(), cost.currency()));
        }
        out.println(String.format(Locale.ROOT, "%6s  %8s  %s", "#", "id", "text"));
        for (int i = 0; i < ids.length; i++) {
            out.println(String.format(Locale.ROOT, "%6d  %8d  %s", i, ids[i], JSON.writeValueAsString(t.pieces().get(i))));
        }
    }
}
