package dev.tunebench.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Reading bounded JSON bodies from, and writing JSON and errors to, a JDK {@link HttpExchange}. */
final class Exchanges {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Exchanges() {
    }

    /** The body as a JSON object: 413 over {@code limit} bytes, 400 when it is not a JSON object. */
    static JsonNode readJsonObject(HttpExchange ex, long limit) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > limit) {
            throw tooLarge(limit);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = ex.getRequestBody()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                body.write(buffer, 0, n);
                if (body.size() > limit) {
                    throw tooLarge(limit);
                }
            }
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(body.toByteArray());
        } catch (JsonProcessingException e) {
            throw ApiError.invalid(null, "We could not parse the JSON body of your request: "
                    + e.getOriginalMessage() + ". Send one JSON object with Content-Type: application/json.");
        }
        if (json == null || !json.isObject()) {
            throw ApiError.invalid(null, "The request body must be a JSON object, e.g. {\"model\": ..., \"messages\": [...]}.");
        }
        return json;
    }

    private static ApiError tooLarge(long limit) {
        return new ApiError(413, ApiError.INVALID_REQUEST, null, null, "The request body is over " + limit
                + " bytes, the server's limit (tunebench serve --max-body-bytes).");
    }

    static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendError(HttpExchange ex, ApiError error) throws IOException {
        if (error.status == 429) {
            ex.getResponseHeaders().set("Retry-After", "1");
        }
        if (error.status == 413) {
            // The rest of the body is never read, so the connection cannot carry another request.
            ex.getResponseHeaders().set("Connection", "close");
        }
        sendJson(ex, error.status, error.toJson());
    }

    /** One server-sent event, flushed so the client sees it now. */
    static void sendEvent(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static ApiError wrongMethod(HttpExchange ex, String allowed) {
        ex.getResponseHeaders().set("Allow", allowed);
        return new ApiError(405, ApiError.INVALID_REQUEST, null, "method_not_allowed", "Method " + ex.getRequestMethod()
                + " is not allowed on " + ex.getRequestURI().getPath() + "; use " + allowed + ".");
    }

    static ApiError unknownPath(HttpExchange ex) {
        return new ApiError(404, ApiError.INVALID_REQUEST, null, null, "Invalid URL (" + ex.getRequestMethod() + " "
                + ex.getRequestURI().getPath() + "). Served: POST /v1/chat/completions, GET /v1/models, GET /health.");
    }
}
