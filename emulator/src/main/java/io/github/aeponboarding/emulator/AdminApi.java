package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code GET /} (readiness) and the test controls under {@code /_emulator/}: request log, reset,
 * runtime configuration and the seeded ids. No auth and no faults here, so tests can always steer.
 */
final class AdminApi {
    private final AepEmulator emulator;

    AdminApi(AepEmulator emulator) {
        this.emulator = emulator;
    }

    ApiResponse handle(ApiRequest request) {
        String route = request.method + " " + request.path;
        return switch (route) {
            case "GET /" -> ApiResponse.ok(Json.obj().put("status", "ready").put("service", "aep-emulator")
                    .put("tenantId", SeedData.TENANT_ID).put("baseUrl", emulator.baseUrl()));
            case "GET /_emulator/requests" -> ApiResponse.ok(requests());
            case "DELETE /_emulator/requests" -> {
                emulator.clearRequestLog();
                yield ApiResponse.noContent();
            }
            case "POST /_emulator/reset" -> {
                emulator.reset();
                yield ApiResponse.ok(Json.obj().put("reset", true));
            }
            case "GET /_emulator/config" -> ApiResponse.ok(config(emulator.options()));
            case "POST /_emulator/config" -> configure(request);
            case "GET /_emulator/seed" -> {
                ObjectNode seed = Json.obj();
                SeedData.summary().forEach(seed::put);
                yield ApiResponse.ok(seed);
            }
            default -> throw ErrorBodies.platform(404, "/placeholder/type/uri", "NotFoundError", "No such endpoint: " + route);
        };
    }

    private ArrayNode requests() {
        ArrayNode list = Json.arr();
        for (RequestLogEntry entry : emulator.requestLog()) {
            ObjectNode item = list.addObject().put("time", entry.time().toString()).put("method", entry.method())
                    .put("path", entry.path()).put("status", entry.status()).put("committed", entry.committed())
                    .put("fault", entry.fault());
            ArrayNode names = item.putArray("headerNames");
            entry.headerNames().forEach(names::add);
        }
        return list;
    }

    static ObjectNode config(EmulatorOptions options) {
        ObjectNode config = Json.obj().put("host", options.host()).put("port", options.port()).put("clientId", options.clientId())
                .put("orgId", options.orgId()).put("tokenTtlSeconds", options.tokenTtlSeconds())
                .put("latencyMillis", options.latencyMillis()).put("serverErrorRate", options.serverErrorRate())
                .put("tooManyRequestsRate", options.tooManyRequestsRate()).put("lostResponseRate", options.lostResponseRate())
                .put("connectionResetRate", options.connectionResetRate()).put("retryAfterSeconds", options.retryAfterSeconds())
                .put("rateLimitPerSecond", options.rateLimitPerSecond()).put("seed", options.seed());
        config.put("runDurationMillis", options.runDurationMillis()).put("runFailureRate", options.runFailureRate());
        ObjectNode outcomes = config.putObject("runOutcomes");
        new java.util.TreeMap<>(options.runOutcomes()).forEach(outcomes::put);
        return config;
    }

    private ApiResponse configure(ApiRequest request) {
        JsonNode body;
        try {
            body = Json.parse(request.body);
        } catch (java.io.IOException e) {
            throw bad("The body must be a JSON object of options");
        }
        if (body == null || !body.isObject()) throw bad("The body must be a JSON object of options");
        EmulatorOptions.Builder builder = emulator.options().toBuilder();
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> option = it.next();
                apply(builder, option.getKey(), option.getValue());
            }
            emulator.configure(builder.build());
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        return ApiResponse.ok(config(emulator.options()));
    }

    private static void apply(EmulatorOptions.Builder builder, String name, JsonNode value) {
        switch (name) {
            case "clientId" -> builder.clientId(value.asText());
            case "clientSecret" -> builder.clientSecret(value.asText());
            case "orgId" -> builder.orgId(value.asText());
            case "tokenTtlSeconds" -> builder.tokenTtlSeconds(value.asLong());
            case "latencyMillis" -> builder.latencyMillis(value.asLong());
            case "serverErrorRate" -> builder.serverErrorRate(value.asDouble());
            case "tooManyRequestsRate" -> builder.tooManyRequestsRate(value.asDouble());
            case "lostResponseRate" -> builder.lostResponseRate(value.asDouble());
            case "connectionResetRate" -> builder.connectionResetRate(value.asDouble());
            case "retryAfterSeconds" -> builder.retryAfterSeconds(value.asInt());
            case "rateLimitPerSecond" -> builder.rateLimitPerSecond(value.asInt());
            case "seed" -> builder.seed(value.asLong());
            case "runDurationMillis" -> builder.runDurationMillis(value.asLong());
            case "runFailureRate" -> builder.runFailureRate(value.asDouble());
            case "runOutcomes" -> {
                // table name or path -> success | failed | partialSuccess; replaces the whole map
                if (!value.isObject()) throw new IllegalArgumentException("runOutcomes must be an object of table -> outcome");
                Map<String, String> outcomes = new java.util.LinkedHashMap<>();
                value.fields().forEachRemaining(f -> outcomes.put(f.getKey(), f.getValue().asText()));
                builder.runOutcomes(outcomes);
                return;
            }
            default -> throw new IllegalArgumentException("Unknown or fixed option " + name);
        }
        if (!value.isValueNode()) throw new IllegalArgumentException(name + " must be a plain value");
    }

    private static ApiException bad(String detail) {
        return ErrorBodies.platform(400, "/placeholder/type/uri", "BadRequestError", detail);
    }
}
