package dev.tunebench.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Format adherence: passes when the answer is JSON valid against a JSON Schema given inline
 * ({@code schema}) or in a JSON or YAML file ({@code schema_file}, relative to the suite's folder).
 * Drafts 4 to 2020-12 are supported ({@code $schema}; 2020-12 when absent). The schema is checked
 * against its meta-schema and compiled once. Remote {@code $ref}s are never fetched: put shared parts
 * under {@code $defs}.
 */
record JsonSchemaScorer(String name, Schema schema) implements Scorer {

    /** Uses Jackson 3 internally; only its String API is used here, so no Jackson 3 type leaks out. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final int MAX_ERRORS_SHOWN = 3;

    static JsonSchemaScorer from(Params params, Path baseDir) {
        params.requireOneOf("schema", "schema_file");
        String field = params.has("schema") ? "schema" : "schema_file";
        JsonNode node = params.has("schema") ? Json.MAPPER.valueToTree(params.map("schema").orElseThrow())
                : read(params, baseDir);
        SpecificationVersion version = version(params, field, node);
        String text = node.toString();
        List<Error> metaErrors = REGISTRY.getSchema(SchemaLocation.of(version.getDialectId()))
                .validate(text, InputFormat.JSON);
        if (!metaErrors.isEmpty()) {
            throw params.error(field, "not a valid JSON Schema (" + version.getDialectId() + "): " + summary(metaErrors));
        }
        try {
            Schema schema = REGISTRY.getSchema(text);
            // Compiles every keyword now (patterns, $refs) so a broken schema fails before the run, not mid-run.
            schema.initializeValidators();
            return new JsonSchemaScorer(params.name(), schema);
        } catch (RuntimeException e) {
            throw params.error(field, "invalid schema: " + firstLine(e.getMessage()));
        }
    }

    private static JsonNode read(Params params, Path baseDir) {
        String file = params.string("schema_file").orElseThrow();
        Path path = baseDir.resolve(file);
        ObjectMapper mapper = file.endsWith(".yaml") || file.endsWith(".yml") ? new YAMLMapper() : Json.MAPPER;
        try {
            return mapper.readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            throw params.error("schema_file", "file not found: " + path.toAbsolutePath().normalize());
        } catch (JsonProcessingException e) {
            throw params.error("schema_file", path + " is not valid " + (mapper == Json.MAPPER ? "JSON" : "YAML")
                    + ": " + Json.problem(e) + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw params.error("schema_file", "cannot read " + path + ": " + e.getMessage());
        }
    }

    private static SpecificationVersion version(Params params, String field, JsonNode schema) {
        JsonNode declared = schema.get("$schema");
        if (declared == null) {
            return SpecificationVersion.DRAFT_2020_12;
        }
        String id = declared.asText();
        // Draft 4 to 7 ids end with '#', which people often leave out.
        return SpecificationVersion.fromDialectId(id)
                .or(() -> SpecificationVersion.fromDialectId(id + "#"))
                .orElseThrow(() -> params.error(field,
                "$schema '" + declared.asText() + "' is not a supported draft; expected one of "
                        + Arrays.stream(SpecificationVersion.values()).map(SpecificationVersion::getDialectId)
                        .collect(Collectors.joining(", "))));
    }

    @Override
    public Score score(String answer, String expected) {
        // Parsed first with the shared strict parser so "not JSON" reads the same as in other scorers.
        try {
            Json.parse(answer);
        } catch (JsonProcessingException e) {
            return Score.fail(answer, "not JSON: " + Json.problem(e));
        }
        List<Error> errors = schema.validate(answer, InputFormat.JSON);
        return errors.isEmpty() ? Score.pass(answer) : Score.fail(answer, "schema: " + summary(errors));
    }

    private static String summary(List<Error> errors) {
        String shown = errors.stream().limit(MAX_ERRORS_SHOWN).map(Error::toString).collect(Collectors.joining("; "));
        return errors.size() > MAX_ERRORS_SHOWN ? shown + "; and " + (errors.size() - MAX_ERRORS_SHOWN) + " more" : shown;
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
