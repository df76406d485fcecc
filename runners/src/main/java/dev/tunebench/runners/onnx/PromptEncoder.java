package dev.tunebench.runners.onnx;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.PromptTokens;
import dev.tunebench.spi.Role;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns prompts and conversations into token ids: the chat template renders text, the tokenizer encodes
 * it without adding special tokens, and bos is prepended only where the tokenizer would add it and the
 * template did not already write it.
 */
final class PromptEncoder {
    private final ModelConfig config;
    private final TextTokenizer tokenizer;
    private final ChatTemplate template;
    private final Integer bosId;

    /**
     * Token ids of a whole conversation and which of them are scored: {@code target[i]} marks the
     * content and end-of-turn tokens of weighted assistant turns.
     */
    record ScoringInput(long[] ids, boolean[] target) {
        int targetCount() {
            int n = 0;
            for (boolean t : target) {
                n += t ? 1 : 0;
            }
            return n;
        }
    }

    PromptEncoder(ModelConfig config, TextTokenizer tokenizer) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.template = ChatTemplate.of(config);
        this.bosId = bosId(config, tokenizer);
    }

    /** The rendered prompt: the template with add_generation_prompt, then the assistant prefix. */
    String render(Prompt prompt) {
        return template.render(TemplateInput.messages(prompt.messages()), TemplateInput.tools(prompt.tools()), true)
                + prompt.assistantPrefix();
    }

    /** The rendered text and its tokens, each with the text it covers (its own spelling when it covers none). */
    PromptTokens tokens(Prompt prompt, boolean addGenerationPrompt) {
        String text = template.render(TemplateInput.messages(prompt.messages()), TemplateInput.tools(prompt.tools()),
                addGenerationPrompt) + prompt.assistantPrefix();
        TextTokenizer.Encoded enc = tokenizer.encodeWithSpans(text);
        long[] ids = withBos(text, enc.ids());
        int shift = ids.length - enc.length();
        int[] out = new int[ids.length];
        List<String> pieces = new ArrayList<>(ids.length);
        for (int t = 0; t < ids.length; t++) {
            out[t] = (int) ids[t];
            int e = t - shift;
            boolean covers = e >= 0 && enc.ends()[e] > enc.starts()[e];
            pieces.add(covers ? text.substring(enc.starts()[e], enc.ends()[e]) : tokenizer.decode(new int[] {out[t]}));
        }
        return new PromptTokens(text, out, pieces);
    }

    long[] encode(Prompt prompt) {
        return encodeRendered(render(prompt));
    }

    /** The ids of text that {@link #render(Prompt)} returned: callers needing both render only once. */
    long[] encodeRendered(String text) {
        return withBos(text, tokenizer.encode(text));
    }

    ScoringInput encodeForScoring(List<Message> conversation) {
        String full = template.render(conversation, false);
        boolean[] inTarget = new boolean[full.length()];
        for (int i = 0; i < conversation.size(); i++) {
            Message m = conversation.get(i);
            if (m.role() == Role.ASSISTANT && m.weighted()) {
                int start = renderedPrefix(conversation, i, true, full, i).length();
                // The last turn's prefix is the whole conversation, already rendered.
                int turnEnd = i + 1 == conversation.size() ? full.length()
                        : renderedPrefix(conversation, i + 1, false, full, i).length();
                int end = targetEnd(full, start, turnEnd);
                for (int c = start; c < end; c++) {
                    inTarget[c] = true;
                }
            }
        }
        TextTokenizer.Encoded enc = tokenizer.encodeWithSpans(full);
        long[] ids = withBos(full, enc.ids());
        int shift = ids.length - enc.length();
        boolean[] target = new boolean[ids.length];
        for (int t = 0; t < enc.length(); t++) {
            target[t + shift] = covered(inTarget, enc.starts()[t], enc.ends()[t]);
        }
        return new ScoringInput(ids, target);
    }

    /**
     * The scored text of one assistant turn ends after the first eos string in it (ChatML's
     * {@code <|im_end|>}, Llama's {@code </s>}); a template whose turns end otherwise (Gemma's
     * {@code <end_of_turn>}) is scored to the end of the turn without its trailing whitespace.
     */
    private int targetEnd(String full, int start, int turnEnd) {
        String eos = config.eosToken();
        if (eos != null && !eos.isEmpty()) {
            int at = full.indexOf(eos, start);
            if (at >= 0 && at + eos.length() <= turnEnd) {
                return at + eos.length();
            }
        }
        int end = turnEnd;
        while (end > start && Character.isWhitespace(full.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** messages[0..count) rendered; it must be where the whole conversation's rendering starts. */
    private String renderedPrefix(List<Message> conversation, int count, boolean addGenerationPrompt, String full,
                                  int turn) {
        String prefix = template.render(conversation.subList(0, count), addGenerationPrompt);
        if (!full.startsWith(prefix)) {
            throw new InputException("The chat template in " + config.chatTemplateFile() + " renders the first "
                    + count + " messages as text that does not begin the rendering of the whole conversation, "
                    + "so the tokens of the assistant turn (message " + (turn + 1) + ") cannot be located for "
                    + "scoring. Such templates (for example ones that drop earlier reasoning) are not supported "
                    + "for teacher-forced scoring; score with a template that renders turns in order.");
        }
        return prefix;
    }

    /** A token counts only if it covers text and all of that text is in a target span. */
    private static boolean covered(boolean[] inTarget, int start, int end) {
        if (end <= start) {
            return false;
        }
        for (int c = start; c < end; c++) {
            if (!inTarget[c]) {
                return false;
            }
        }
        return true;
    }

    private long[] withBos(String text, long[] ids) {
        boolean templateWroteBos = config.bosToken() != null && text.startsWith(config.bosToken());
        if (!config.addBosToken() || templateWroteBos) {
            return ids;
        }
        long[] out = new long[ids.length + 1];
        out[0] = bosId;
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    /**
     * The tokenizer's id for the bos text is what Hugging Face would prepend; the config's bos_token_id is
     * the fallback (the two can disagree in random test models).
     */
    private static Integer bosId(ModelConfig config, TextTokenizer tokenizer) {
        Integer id = config.bosToken() == null ? null : tokenizer.tokenId(config.bosToken());
        if (id == null) {
            id = config.bosTokenId();
        }
        if (id == null && config.addBosToken()) {
            throw new InputException(config.dir().resolve("tokenizer_config.json") + " sets add_bos_token, but "
                    + "the bos token's id is unknown: no bos_token in tokenizer.json's vocabulary and no "
                    + "bos_token_id in config.json. Add \"bos_token_id\" to config.json or set add_bos_token false.");
        }
        return id;
    }
}
