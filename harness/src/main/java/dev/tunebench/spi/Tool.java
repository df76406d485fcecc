package dev.tunebench.spi;

import java.util.Objects;

/**
 * One tool offered to the model: its function name and the whole definition exactly as the data gave it
 * ({@code {"type": "function", "function": {"name", "description", "parameters"}}}), kept as JSON text so
 * a template or an API receives it byte for byte, key order and extra fields included.
 */
public record Tool(String name, String definitionJson) {
    public Tool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definitionJson, "definitionJson");
    }
}
