package io.github.aeponboarding.emulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens IMS issued: who they belong to and when they expire. Survives {@code reset()}. */
final class TokenStore {
    record Token(String clientId, String orgId, long expiresAtMillis) {
        boolean expired(long nowMillis) {
            return nowMillis >= expiresAtMillis;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final java.util.List<String> issued = new java.util.concurrent.CopyOnWriteArrayList<>();

    String issue(String clientId, String orgId, long ttlSeconds) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        // looks like a JWT (three dot-separated parts) so clients that peek at it do not choke
        String token = "eyJhbGciOiJSUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
                + ".emulator";
        tokens.put(token, new Token(clientId, orgId, System.currentTimeMillis() + ttlSeconds * 1000L));
        issued.add(token);
        return token;
    }

    /** The token's owner, or null when unknown or expired. */
    Token valid(String token) {
        Token found = tokens.get(token);
        if (found == null) return null;
        if (found.expired(System.currentTimeMillis())) {
            tokens.remove(token);
            return null;
        }
        return found;
    }

    /** Every token issued so far, expired or revoked ones included. */
    java.util.List<String> issued() {
        return java.util.List.copyOf(issued);
    }

    /** Makes every issued token invalid (the next call with one is answered 401). */
    void revokeAll() {
        tokens.clear();
    }
}
