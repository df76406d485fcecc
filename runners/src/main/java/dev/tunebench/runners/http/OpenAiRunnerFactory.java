package dev.tunebench.runners.http;

import java.util.function.UnaryOperator;

/**
 * Runner type {@code openai}: any OpenAI-compatible {@code /chat/completions} endpoint (OpenAI, vLLM,
 * Ollama, llama.cpp server, TGI, {@code tunebench serve}).
 */
public final class OpenAiRunnerFactory extends ServedRunnerFactory {
    public OpenAiRunnerFactory() {
        this(System::getenv);
    }

    OpenAiRunnerFactory(UnaryOperator<String> env) {
        super(Api.OPENAI, env);
    }
}
