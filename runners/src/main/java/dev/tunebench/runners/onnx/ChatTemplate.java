package dev.tunebench.runners.onnx;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.tree.Node;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import jinjava.javax.el.CompositeELResolver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face chat template rendered with Jinjava, set up to match Python jinja2 as transformers
 * configures it (trim_blocks, lstrip_blocks and the legacy overrides in STACK-NOTES). The template sees
 * {@code messages} (maps with {@code role} and {@code content}), {@code bos_token}, {@code eos_token},
 * {@code add_generation_prompt} and a {@code raise_exception(message)} function.
 * <p>
 * It does what {@link Jinjava#renderForResult} does minus its per-call costs: the template is parsed
 * once, and renders share one copy of the engine's filter, function and tag libraries per thread instead
 * of copying them by reflection each time (about 5 µs a render instead of 60). The parsed tree is only
 * read while rendering, so one instance may be used from several threads.
 */
final class ChatTemplate {
    private static final Jinjava ENGINE = engine();
    /**
     * The engine's libraries, copied once per thread: a render's context writes bookkeeping (resolved
     * expressions, dependencies) through to its parent, so the parent must not be shared between threads.
     */
    private static final ThreadLocal<Context> LIBRARIES = ThreadLocal.withInitial(ENGINE::getGlobalContextCopy);

    private final Path source;
    private final String bosToken;
    private final String eosToken;
    /** Null when parsing threw; {@link #parseErrors} then says why. */
    private final Node tree;
    /** Reported with every render's errors, as they were when Jinjava parsed at each render. */
    private final List<TemplateError> parseErrors;

    /**
     * @param source the file the template was read from; every error names it
     */
    ChatTemplate(String template, Path source, String bosToken, String eosToken) {
        this.source = source;
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        JinjavaInterpreter parser = interpreter(Map.of());
        List<TemplateError> errors = new ArrayList<>();
        Node parsed = null;
        JinjavaInterpreter.pushCurrent(parser);
        try {
            parsed = parser.parse(withoutTrailingNewline(template));
        } catch (RuntimeException e) {
            errors.add(thrown(e));
        } finally {
            JinjavaInterpreter.popCurrent();
            LIBRARIES.get().reset();
        }
        errors.addAll(parser.getErrors());
        this.tree = parsed;
        this.parseErrors = List.copyOf(errors);
    }

    static ChatTemplate of(ModelConfig config) {
        if (config.chatTemplate() == null) {
            throw new InputException("Model folder " + config.dir() + " has no chat template: tokenizer_config.json "
                    + "has no \"chat_template\" and there is no chat_template.jinja. Add the template of the model "
                    + "family (copy \"chat_template\" from the instruct model's tokenizer_config.json on Hugging "
                    + "Face), or use a model trained with one.");
        }
        return new ChatTemplate(config.chatTemplate(), config.chatTemplateFile(), config.bosToken(),
                config.eosToken());
    }

    String render(List<Message> messages, boolean addGenerationPrompt) {
        return render(TemplateInput.messages(messages), null, addGenerationPrompt);
    }

    /**
     * Renders messages and tools in the shape transformers passes them ({@link TemplateInput} builds it);
     * {@code tools} null is the template's {@code none}, as when transformers gets no tools.
     */
    String render(List<Map<String, Object>> messages, List<Map<String, Object>> tools, boolean addGenerationPrompt) {
        Map<String, Object> context = new HashMap<>();
        context.put("messages", messages);
        context.put("tools", tools);
        context.put("add_generation_prompt", addGenerationPrompt);
        context.put("bos_token", bosToken == null ? "" : bosToken);
        context.put("eos_token", eosToken == null ? "" : eosToken);
        List<TemplateError> errors = new ArrayList<>(parseErrors);
        String output = tree == null ? "" : interpret(context, errors);
        List<TemplateError> fatal = errors.stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .toList();
        if (!fatal.isEmpty()) {
            throw failure(fatal);
        }
        return output;
    }

    /**
     * Renders the tree into {@code errors} the way renderForResult collects them: an exception that
     * escapes the render comes first, then the errors the interpreter recorded.
     */
    private String interpret(Map<String, Object> bindings, List<TemplateError> errors) {
        JinjavaInterpreter interpreter = interpreter(bindings);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            return interpreter.render(tree);
        } catch (RuntimeException e) {
            errors.add(0, thrown(e));
            return "";
        } finally {
            JinjavaInterpreter.popCurrent();
            LIBRARIES.get().reset();
            errors.addAll(interpreter.getErrors());
        }
    }

    private static JinjavaInterpreter interpreter(Map<String, Object> bindings) {
        return ENGINE.getGlobalConfig().getInterpreterFactory()
                .newInstance(ENGINE, new Context(LIBRARIES.get(), bindings), ENGINE.getGlobalConfig());
    }

    /** The error renderForResult makes of an exception a render throws. */
    private static TemplateError thrown(RuntimeException e) {
        if (e instanceof TemplateSyntaxException syntax) {
            return TemplateError.fromException(syntax);
        }
        if (e instanceof InterpretException interpret) {
            return TemplateError.fromSyntaxError(interpret);
        }
        if (e instanceof InvalidArgumentException argument) {
            return TemplateError.fromInvalidArgumentException(argument);
        }
        if (e instanceof InvalidInputException input) {
            return TemplateError.fromInvalidInputException(input);
        }
        return TemplateError.fromException(e);
    }

    /**
     * Jinjava records a function's exception as a render error and carries on, so the output of a
     * render with any fatal error is dropped here; a raise_exception call wins over later errors.
     */
    private InputException failure(List<TemplateError> errors) {
        for (TemplateError e : errors) {
            for (Throwable t = e.getException(); t != null; t = t.getCause()) {
                if (t instanceof Raised raised) {
                    return new InputException("The chat template in " + source + " refused the conversation: \""
                            + raised.getMessage() + "\". Give the messages in the order and roles that template "
                            + "accepts (for example, a system turn only first and user/assistant alternating), "
                            + "or change the technique that built them.");
                }
            }
        }
        TemplateError first = errors.get(0);
        return new InputException("The chat template in " + source + " cannot be rendered: " + first.getMessage()
                + " (template line " + first.getLineno() + "). tunebench renders templates with Jinjava, which "
                + "lacks a few Python features (str methods other than startswith, endswith, strip, lstrip, "
                + "rstrip, upper, lower, split); rewrite that expression in plain Jinja in \"chat_template\".");
    }

    /**
     * jinja2 (keep_trailing_newline off, as transformers uses it) drops one newline at the end of the
     * template source; Jinjava keeps it, and chat_template.jinja files usually end with one.
     */
    private static String withoutTrailingNewline(String template) {
        if (template.endsWith("\r\n")) {
            return template.substring(0, template.length() - 2);
        }
        return template.endsWith("\n") || template.endsWith("\r")
                ? template.substring(0, template.length() - 1) : template;
    }

    /** Called by templates as {@code raise_exception(msg)}; public because Jinjava invokes it reflectively. */
    public static String raiseException(String message) {
        throw new Raised(message);
    }

    private static final class Raised extends RuntimeException {
        Raised(String message) {
            super(message, null, false, false);
        }
    }

    private static Jinjava engine() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStringMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withElResolver(resolver)
                // Message text is data: "{{" in a user message must print, never be rendered again.
                .withNestedInterpretationEnabled(false)
                // Not LegacyOverrides.ALL: these three are the ones that make Jinjava behave like jinja2.
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withKeepNullableLoopValues(true)
                        .build())
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition(
                "", "raise_exception", ChatTemplate.class, "raiseException", String.class));
        return jinjava;
    }
}
