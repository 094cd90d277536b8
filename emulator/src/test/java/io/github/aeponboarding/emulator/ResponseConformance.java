package io.github.aeponboarding.emulator;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks journaled responses against the response schema of their operation in Adobe's OpenAPI specs:
 * the schema declared for the status code, else {@code default}. A response whose status has neither,
 * or whose declaration has no JSON schema ({@code content: {}}), has nothing to be checked against and
 * is counted, not failed. Spec errors are tolerated one by one in {@link ResponseRelaxations};
 * docs/emulator-conformance.md explains each.
 */
final class ResponseConformance {
    /** What one response came to: the operation it answered (null when none), whether a schema applied, the problems. */
    record Outcome(String operation, boolean checked, List<String> problems) {
    }

    private record Spec(OpenAPI api, OpenApiInteractionValidator validator, ApiOperationResolver resolver) {
    }

    private final Map<String, Spec> specs = new ConcurrentHashMap<>();

    ResponseConformance() {
        SpecConformance.SPEC_FILES.forEach((basePath, file) -> {
            OpenAPI api = SpecConformance.parse(file);
            // undeclared properties are allowed, as OpenAPI's default says and no Adobe model overrides; the
            // validator's strict default would also fail every allOf (Schema Registry's resources are allOfs)
            LevelResolver levels = LevelResolver.create().withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE).build();
            OpenApiInteractionValidator validator = OpenApiInteractionValidator.createFor(api).withBasePathOverride(basePath)
                    .withLevelResolver(levels).build();
            specs.put(basePath, new Spec(api, validator, new ApiOperationResolver(api, basePath, false)));
        });
    }

    Outcome check(JsonNode entry) {
        String method = entry.get("method").asText();
        String path = entry.get("path").asText();
        int status = entry.get("status").asInt();
        String basePath = specs.keySet().stream().filter(p -> path.startsWith(p + "/")).findFirst().orElse(null);
        String where = method + " " + path + (entry.path("query").isNull() ? "" : "?" + entry.get("query").asText()) + " -> " + status;
        if (basePath == null) return new Outcome(null, false, List.of(where + ": no spec covers this path"));
        Spec spec = specs.get(basePath);
        Request.Method httpMethod = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        ApiOperationMatch match = spec.resolver().findApiOperation(path, httpMethod);
        if (!match.isPathFound() || !match.isOperationAllowed()) {
            // the router's own 404/405 for a path or method no spec declares: nothing to check against
            return status >= 400 ? new Outcome(null, false, List.of())
                    : new Outcome(null, false, List.of(where + ": the spec declares no such operation"));
        }
        String operation = method + " " + basePath + match.getApiOperation().getApiPath().original();
        ApiResponse declared = declared(match, status);
        if (declared == null || !hasJsonSchema(declared)) return new Outcome(operation, false, List.of());
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withContentType("application/json");
        if (entry.has("response")) response.withBody(entry.get("response").toString());
        ValidationReport report = spec.validator().validateResponse(path, httpMethod, response.build());
        List<String> problems = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() != ValidationReport.Level.ERROR) continue;
            if (ResponseRelaxations.covers(operation, message)) continue;
            problems.add(where + " [" + operation + "]: [" + message.getKey() + "] " + message.getMessage()
                    + (message.getNestedMessages().isEmpty() ? "" : " " + describe(message.getNestedMessages())));
        }
        return new Outcome(operation, true, problems);
    }

    private static String describe(List<ValidationReport.Message> messages) {
        List<String> texts = new ArrayList<>();
        for (ValidationReport.Message m : messages) {
            texts.add(m.getKey() + ": " + m.getMessage() + (m.getNestedMessages().isEmpty() ? "" : " " + describe(m.getNestedMessages())));
        }
        return texts.toString();
    }

    private static ApiResponse declared(ApiOperationMatch match, int status) {
        var responses = match.getApiOperation().getOperation().getResponses();
        if (responses == null) return null;
        ApiResponse byStatus = responses.get(String.valueOf(status));
        return byStatus != null ? byStatus : responses.get("default");
    }

    private static boolean hasJsonSchema(ApiResponse declared) {
        if (declared.getContent() == null) return false;
        for (Map.Entry<String, MediaType> content : declared.getContent().entrySet()) {
            if (content.getKey().contains("json") && content.getValue().getSchema() != null) return true;
        }
        return false;
    }
}
