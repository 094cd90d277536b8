package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading Flow Service request bodies: required fields and their types, refused as {@code 1400-400}. */
final class FlowPayload {
    private FlowPayload() {
    }

    static ObjectNode body(ApiRequest request, String type) {
        JsonNode body = request.json(Service.FLOW_SERVICE);
        if (!body.isObject()) throw bad("The request body must be a JSON object", type);
        return (ObjectNode) body;
    }

    static ApiException bad(String message, String type) {
        return ErrorBodies.flowService(400, "1400", message, type);
    }

    static String requireString(JsonNode node, String field, String type) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) throw bad(field + " is required", type);
        if (!value.isTextual() || value.asText().isBlank()) throw bad(field + " must be a non-empty string", type);
        return value.asText();
    }

    static void optionalString(JsonNode node, String field, String type) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) throw bad(field + " must be a string", type);
    }

    static JsonNode requireObject(JsonNode node, String field, String type) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) throw bad(field + " is required", type);
        if (!value.isObject()) throw bad(field + " must be an object", type);
        return value;
    }
}
