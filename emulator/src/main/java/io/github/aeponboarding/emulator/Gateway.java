package io.github.aeponboarding.emulator;

import java.util.function.Supplier;

/**
 * The Adobe I/O gateway in front of every Platform call: bearer token, API key, org. Checked in this
 * order, with the gateway's own {@code error_code}/{@code message} bodies (troubleshooting guide).
 */
final class Gateway {
    private final TokenStore tokens;
    private final Supplier<EmulatorOptions> options;

    Gateway(TokenStore tokens, Supplier<EmulatorOptions> options) {
        this.tokens = tokens;
        this.options = options;
    }

    TokenStore.Token check(ApiRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw ErrorBodies.gateway(401, "403010", "Oauth token is missing.");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ErrorBodies.gateway(401, "401013", "Oauth token is not valid");
        }
        TokenStore.Token token = tokens.valid(authorization.substring(7).trim());
        if (token == null) throw ErrorBodies.gateway(401, "401013", "Oauth token is not valid");
        String apiKey = request.header("x-api-key");
        if (apiKey == null || apiKey.isBlank()) throw ErrorBodies.gateway(403, "403000", "Api Key is required");
        if (!apiKey.equals(token.clientId()) || !apiKey.equals(options.get().clientId())) {
            throw ErrorBodies.gateway(403, "403003", "Api Key is invalid");
        }
        String org = request.header("x-gw-ims-org-id");
        if (org == null || org.isBlank()) {
            throw ErrorBodies.gateway(400, "400003", "Missing header: x-gw-ims-org-id");
        }
        if (!org.equals(token.orgId())) throw ErrorBodies.gateway(403, "403025", "Profile is not valid");
        request.clientId = token.clientId();
        return token;
    }
}
