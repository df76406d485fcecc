package dev.tunebench.runners.onnx;

import java.util.List;

/**
 * Decides how much of a row's decoded text may be sent while decoding goes on. Held back: a trailing
 * U+FFFD (the tokenizer's stand-in for a token that ends inside a UTF-8 character; the next token may
 * complete it), a lone high surrogate, and any tail that could be the start of a stop string (the text
 * is cut before a stop, so what was sent must never include part of one).
 */
final class StreamText {
    private final List<String> stops;
    private String sent = "";

    StreamText(List<String> stops) {
        this.stops = stops;
    }

    /** The new text that is safe to send, given everything decoded so far; empty when there is none. */
    String advance(String decoded) {
        // Byte-level tokenizers decode prefixes stably; a decoder that rewrote earlier text waits for finish.
        if (!decoded.startsWith(sent)) {
            return "";
        }
        int safe = safeLength(decoded);
        if (safe <= sent.length()) {
            return "";
        }
        String delta = decoded.substring(sent.length(), safe);
        sent = decoded.substring(0, safe);
        return delta;
    }

    /** The rest of the final text after what was sent (the final text always extends it, see the class). */
    String finish(String finalText) {
        if (!finalText.startsWith(sent)) {
            return "";
        }
        String rest = finalText.substring(sent.length());
        sent = finalText;
        return rest;
    }

    private int safeLength(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\uFFFD') {
            end--;
        }
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        for (int from = Math.max(0, end - longestStop() + 1); from < end; from++) {
            String tail = text.substring(from, end);
            for (String stop : stops) {
                if (!stop.isEmpty() && stop.startsWith(tail)) {
                    return from;
                }
            }
        }
        return end;
    }

    private int longestStop() {
        int longest = 0;
        for (String stop : stops) {
            longest = Math.max(longest, stop.length());
        }
        return longest;
    }
}
