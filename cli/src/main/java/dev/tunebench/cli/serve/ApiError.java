package dev.tunebench.cli.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the server refuses, as the OpenAI API reports it: an HTTP status and
 * {@code {"error": {"message", "type", "param", "code"}}}. The message is for the person who wrote the
 * request: it names the field and what was expected.
 */
final class ApiError extends RuntimeException {
    static final String INVALID_REQUEST = "invalid_request_error";

    final int status;
    final String type;
    final String param;
    final String code;

    ApiError(int status, String type, String param, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** 400 for a field that is missing, of the wrong type or out of range. */
    static ApiError invalid(String param, String message) {
        return new ApiError(400, INVALID_REQUEST, param, null, message);
    }

    static ApiError unknownModel(String model) {
        return new ApiError(404, INVALID_REQUEST, "model", "model_not_found", "The model `" + model
                + "` does not exist. GET /v1/models lists the served models (one per --model folder).");
    }

    ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return root;
    }
}
