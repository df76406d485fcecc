package dev.tunebench.runners.onnx;

import dev.tunebench.runners.onnx.template.JinjaTemplate;
import dev.tunebench.runners.onnx.template.Limits;
import dev.tunebench.runners.onnx.template.TemplateException;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face chat template, rendered byte for byte as transformers renders it (see
 * {@link JinjaTemplate}). The template sees what transformers passes: {@code messages},
 * {@code tools}, {@code documents}, {@code add_generation_prompt} and the model's special tokens
 * (a token the model does not set is undefined, not empty), plus raise_exception and strftime_now.
 * <p>
 * The template is parsed once; renders share the parsed tree and may run on several threads.
 */
final class ChatTemplate {
    private final Path source;
    private final Map<String, Object> specialTokens;
    /** Null when parsing failed; {@link #parseError} then says why, at every render. */
    private final JinjaTemplate template;
    private final TemplateException parseError;

    /**
     * @param source        the file the template was read from; every error names it
     * @param specialTokens name to text ({@code bos_token}, {@code eos_token} ...); null values are left out
     */
    ChatTemplate(String template, Path source, Map<String, ?> specialTokens, Clock clock) {
        this(template, source, specialTokens, clock, Limits.DEFAULT);
    }

    /** With other sandbox limits: for tests only. */
    ChatTemplate(String template, Path source, Map<String, ?> specialTokens, Clock clock, Limits limits) {
        this.source = source;
        Map<String, Object> tokens = new LinkedHashMap<>();
        specialTokens.forEach((k, v) -> {
            if (v != null) {
                tokens.put(k, v);
            }
        });
        this.specialTokens = Map.copyOf(tokens);
        JinjaTemplate parsed = null;
        TemplateException error = null;
        try {
            parsed = JinjaTemplate.parse(template, clock, limits);
        } catch (TemplateException e) {
            error = e;
        }
        this.template = parsed;
        this.parseError = error;
    }

    ChatTemplate(String template, Path source, String bosToken, String eosToken) {
        this(template, source, tokens(bosToken, eosToken), Clock.systemDefaultZone());
    }

    static ChatTemplate of(ModelConfig config) {
        if (config.chatTemplate() == null) {
            throw new InputException("Model folder " + config.dir() + " has no chat template: tokenizer_config.json "
                    + "has no \"chat_template\" and there is no chat_template.jinja. Add the template of the model "
                    + "family (copy \"chat_template\" from the instruct model's tokenizer_config.json on Hugging "
                    + "Face), or use a model trained with one.");
        }
        return new ChatTemplate(config.chatTemplate(), config.chatTemplateFile(), SpecialTokens.of(config),
                Clock.systemDefaultZone());
    }

    private static Map<String, String> tokens(String bos, String eos) {
        Map<String, String> tokens = new HashMap<>();
        tokens.put("bos_token", bos);
        tokens.put("eos_token", eos);
        return tokens;
    }

    /** Messages as the data gave them (tool calls, tool results and names included), no tools list. */
    String render(List<Message> messages, boolean addGenerationPrompt) {
        return render(TemplateInput.messages(messages), null, null, addGenerationPrompt);
    }

    /** Messages and tools as {@link TemplateInput} shapes them; null tools are the template's none. */
    String render(List<Map<String, Object>> messages, List<Map<String, Object>> tools, boolean addGenerationPrompt) {
        return render(messages, tools, null, addGenerationPrompt);
    }

    /**
     * Renders the context transformers builds. Messages, tools and documents are JSON-like values
     * (a message's content may be null or a list of parts; tool_calls, tool_call_id, name ... pass as
     * given); null tools or documents reach the template as None, as in transformers.
     */
    String render(List<? extends Map<String, ?>> messages, List<? extends Map<String, ?>> tools,
                  List<? extends Map<String, ?>> documents, boolean addGenerationPrompt) {
        if (template == null) {
            throw failure(parseError);
        }
        Map<String, Object> variables = new HashMap<>(specialTokens);
        variables.put("messages", messages);
        variables.put("tools", tools);
        variables.put("documents", documents);
        variables.put("add_generation_prompt", addGenerationPrompt);
        try {
            return template.render(variables);
        } catch (TemplateException e) {
            throw failure(e);
        }
    }

    private InputException failure(TemplateException e) {
        String where = e.line() > 0 ? " (template line " + e.line() + ")" : "";
        switch (e.kind()) {
            case RAISED:
                return new InputException("The chat template in " + source + " refused the conversation: \""
                        + e.getMessage() + "\". Give the messages in the order and roles that template accepts (for "
                        + "example, a system turn only first and user/assistant alternating), or change the technique "
                        + "that built them.");
            case SYNTAX:
                return new InputException("The chat template in " + source + " cannot be parsed: " + e.getMessage()
                        + where + ". Fix \"chat_template\" (jinja2 syntax, as transformers renders it) or copy the "
                        + "template the model was published with.");
            case LIMIT:
                return new InputException("The chat template in " + source + " was refused: " + e.getMessage() + where
                        + ". Use the template the model was published with.");
            default:
                return new InputException("The chat template in " + source + " cannot render this conversation: "
                        + e.getMessage() + where + "; transformers (jinja2) fails on it too. Check the messages (a "
                        + "null or list content where the template adds strings, a missing field) or the template.");
        }
    }
}
