package io.github.aeponboarding.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IMS OAuth Server-to-Server: {@code POST /ims/token/v3} with form-encoded {@code grant_type=client_credentials},
 * {@code client_id}, {@code client_secret} and {@code scope} (the body, or the query string as IMS allows).
 * {@code expires_in} is in seconds; there is no refresh token.
 */
final class ImsApi {
    private final TokenStore tokens;
    private final java.util.function.Supplier<EmulatorOptions> options;

    ImsApi(TokenStore tokens, java.util.function.Supplier<EmulatorOptions> options) {
        this.tokens = tokens;
        this.options = options;
    }

    ApiResponse handle(ApiRequest request) {
        if (!request.path.equals("/ims/token/v3")) {
            throw ErrorBodies.ims(404, "not_found", "Unknown IMS endpoint " + request.path);
        }
        if (!request.method.equals("POST")) {
            throw ErrorBodies.ims(405, "invalid_request", "Use POST for /ims/token/v3");
        }
        Map<String, List<String>> form = ApiRequest.parseQuery(request.rawQuery);
        if (request.hasBody()) {
            String contentType = request.header("Content-Type");
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                throw ErrorBodies.ims(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
            }
            // form encoding turns spaces into '+'
            ApiRequest.parseQuery(request.bodyText().replace('+', ' ')).forEach(form::putIfAbsent);
        }
        String grantType = first(form, "grant_type");
        String clientId = first(form, "client_id");
        String clientSecret = first(form, "client_secret");
        String scope = first(form, "scope");
        if (grantType == null) throw ErrorBodies.ims(400, "invalid_request", "grant_type parameter is missing");
        if (!grantType.equals("client_credentials")) {
            throw ErrorBodies.ims(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }
        EmulatorOptions current = options.get();
        if (clientId == null || !clientId.equals(current.clientId())) {
            throw ErrorBodies.ims(400, "invalid_client", "invalid client_id parameter");
        }
        if (clientSecret == null || !clientSecret.equals(current.clientSecret())) {
            throw ErrorBodies.ims(401, "invalid_client", "invalid client_secret parameter");
        }
        if (scope == null || scope.isBlank()) throw ErrorBodies.ims(400, "invalid_scope", "scope parameter is missing");
        String token = tokens.issue(clientId, current.orgId(), current.tokenTtlSeconds());
        return ApiResponse.ok(Json.obj().put("access_token", token).put("token_type", "bearer")
                .put("expires_in", current.tokenTtlSeconds()));
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
}
