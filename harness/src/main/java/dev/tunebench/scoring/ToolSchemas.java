package dev.tunebench.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Tool;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The compiled {@code parameters} JSON Schema of each tool, compiled once per distinct definition (rows
 * usually share their tools) and shared between threads. A tool without {@code parameters} accepts any
 * arguments object. Drafts as in {@link JsonSchemaScorer}: {@code $schema}, 2020-12 when absent.
 */
final class ToolSchemas {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final int MAX_ERRORS_SHOWN = 3;

    private final String where;
    private final Map<String, Schema> byDefinition = new ConcurrentHashMap<>();

    ToolSchemas(String where) {
        this.where = where;
    }

    /** Null when the arguments (a JSON object's text) fit the tool's schema, else what is wrong. */
    String violations(Tool tool, String argumentsJson) {
        Schema schema = byDefinition.computeIfAbsent(tool.definitionJson(), d -> compile(tool));
        if (schema == null) {
            return null;
        }
        List<Error> errors = schema.validate(argumentsJson, InputFormat.JSON);
        if (errors.isEmpty()) {
            return null;
        }
        String shown = errors.stream().limit(MAX_ERRORS_SHOWN).map(Error::toString).collect(Collectors.joining("; "));
        return errors.size() > MAX_ERRORS_SHOWN ? shown + "; and " + (errors.size() - MAX_ERRORS_SHOWN) + " more" : shown;
    }

    private Schema compile(Tool tool) {
        JsonNode parameters;
        try {
            parameters = Json.parse(tool.definitionJson()).path("function").path("parameters");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tool definition is not JSON: " + tool.definitionJson(), e);
        }
        if (parameters.isMissingNode()) {
            return null;
        }
        try {
            Schema schema = REGISTRY.getSchema(parameters.toString());
            schema.initializeValidators();
            return schema;
        } catch (RuntimeException e) {
            throw new InputException(where + ": tool '" + tool.name() + "': its parameters are not a usable JSON "
                    + "Schema (" + e.getMessage() + "); fix the tool's \"parameters\" in the data.");
        }
    }
}
