package dev.tunebench.runners.http;

import java.util.function.UnaryOperator;

/** Runner type {@code azure}: an Azure OpenAI deployment (endpoint, deployment, api_version, {@code api-key}). */
public final class AzureRunnerFactory extends ServedRunnerFactory {
    public AzureRunnerFactory() {
        this(System::getenv);
    }

    AzureRunnerFactory(UnaryOperator<String> env) {
        super(Api.AZURE, env);
    }
}
