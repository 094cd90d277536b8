package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, extra headers and a JSON body (or none). */
final class ApiResponse {
    final int status;
    final JsonNode body;
    final Map<String, String> headers = new LinkedHashMap<>();
    /** True when the request changed state; a lost-response fault needs to know. */
    boolean committed;

    private ApiResponse(int status, JsonNode body) {
        this.status = status;
        this.body = body;
    }

    static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, body);
    }

    static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Marks a successful write. */
    ApiResponse committed() {
        committed = true;
        return this;
    }
}
