package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;

/** A response as the tests see it: status, headers, raw text and parsed JSON (null when none). */
record Reply(int status, HttpHeaders headers, String text, JsonNode json) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Reply of(int status, HttpHeaders headers, String text) {
        JsonNode json = null;
        if (text != null && !text.isBlank()) {
            try {
                json = MAPPER.readTree(text);
            } catch (Exception e) {
                json = null;
            }
        }
        return new Reply(status, headers, text, json);
    }

    String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The service error code at the end of a Flow Service / Schema Registry {@code type}, e.g. {@code 1418-400}. */
    String errorCode() {
        String type = json == null ? null : json.path("type").asText(null);
        if (type == null) return null;
        String last = type.substring(type.lastIndexOf('/') + 1);
        int dash = last.indexOf('-');
        return dash < 0 ? last : last.substring(dash + 1);
    }

    @Override
    public String toString() {
        return status + " " + text;
    }
}
