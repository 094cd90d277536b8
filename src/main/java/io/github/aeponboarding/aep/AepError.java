package io.github.aeponboarding.aep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.request.InvalidRequestException;
import io.github.aeponboarding.store.StoreUnavailableException;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * What went wrong, in the terms a failure document reports: the HTTP status, AEP's own error code
 * and its message. AEP answers in three shapes (gateway {@code error_code/message}, Flow Service and
 * Schema Registry {@code type/title/status/detail/report}); this reads all of them.
 */
public record AepError(Integer httpStatus, String code, String message) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static AepError of(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof HttpOperationFailedException http) {
            return fromBody(http.getStatusCode(), http.getResponseBody());
        }
        if (t instanceof ImsTokenException ims) {
            return new AepError(ims.status() == 0 ? null : ims.status(), ims.code(), ims.getMessage());
        }
        if (t instanceof InvalidRequestException invalid) {
            return new AepError(null, "INVALID_REQUEST", invalid.getMessage());
        }
        if (t instanceof OnboardingConflictException conflict) {
            return new AepError(null, conflict.code(), conflict.getMessage());
        }
        if (t instanceof StoreUnavailableException) {
            return new AepError(null, "STORE_UNAVAILABLE", t.getMessage());
        }
        if (t instanceof java.io.IOException) {
            return new AepError(null, "IO_ERROR", t.getClass().getSimpleName() + ": " + t.getMessage());
        }
        return new AepError(null, "INTERNAL_ERROR", t.getClass().getSimpleName() + ": " + t.getMessage());
    }

    static AepError fromBody(int status, String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? MAPPER.nullNode() : MAPPER.readTree(body);
            if (json.has("error_code")) {   // Adobe I/O gateway
                return new AepError(status, json.path("error_code").asText(), json.path("message").asText());
            }
            if (json.has("type") || json.has("title")) {   // Flow Service, Schema Registry, generic Platform
                String type = json.path("type").asText("");
                String code = type.contains("/") ? type.substring(type.lastIndexOf('/') + 1) : json.path("title").asText(type);
                String message = firstText(json.path("report").path("detailed-message"), json.path("detail"),
                        json.path("errorMessage"), json.path("title"));
                return new AepError(status, code, message);
            }
            if (json.has("error")) {   // IMS (OAuth)
                return new AepError(status, json.path("error").asText(), json.path("error_description").asText());
            }
        } catch (java.io.IOException notJson) {
            // fall through: a body that is not JSON is reported as text
        }
        String text = body == null ? "" : body.strip();
        return new AepError(status, "HTTP-" + status, text.length() > 500 ? text.substring(0, 500) : text);
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n.isTextual() && !n.asText().isBlank()) {
                return n.asText();
            }
        }
        return "";
    }

    /** The failure that says what happened: Camel wraps it (multicast, producer template) in its own exceptions. */
    public static Throwable unwrap(Throwable t) {
        for (Throwable cur = t; cur != null; cur = cur.getCause() == cur ? null : cur.getCause()) {
            if (cur instanceof HttpOperationFailedException || cur instanceof ImsTokenException
                    || cur instanceof InvalidRequestException || cur instanceof OnboardingConflictException || cur instanceof StoreUnavailableException
                    || cur instanceof java.io.IOException) {
                return cur;
            }
        }
        return t;
    }
}
