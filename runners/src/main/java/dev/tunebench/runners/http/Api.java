package dev.tunebench.runners.http;

/** The two dialects of the Chat Completions API: where the model is named and how the key is sent. */
enum Api {
    /** {@code POST {base_url}/chat/completions}, {@code model} in the body, {@code Authorization: Bearer KEY}. */
    OPENAI("openai"),
    /**
     * {@code POST {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=V}, the
     * deployment names the model, {@code api-key: KEY}.
     */
    AZURE("azure");

    final String id;

    Api(String id) {
        this.id = id;
    }

    String keyHeader() {
        return this == OPENAI ? "Authorization" : "api-key";
    }

    String keyValue(String key) {
        return this == OPENAI ? "Bearer " + key : key;
    }

    /** The setting that names the model, for messages that say what to fix. */
    String modelSetting() {
        return this == OPENAI ? "model" : "deployment";
    }
}
