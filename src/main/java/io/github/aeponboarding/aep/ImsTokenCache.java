package io.github.aeponboarding.aep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One IMS access token for the whole bundle: fetched once, shared by every concurrent onboarding,
 * renewed shortly before it expires, and never fetched by two threads at once (IMS throttles clients
 * that mint too many tokens). The token request is made here with a plain HTTP client, not through a
 * Camel route, so that the form (client secret) and the answer (token) are never on a Camel message,
 * where a tracer, Hawtio or a JMX {@code requestBody} could see them.
 */
public class ImsTokenCache {
    /** The renewal margin is a tenth of the lifetime, at most five minutes (aepp renews 500 s early). */
    private static final Duration MAX_MARGIN = Duration.ofMinutes(5);
    /** IMS answers in well under a second; a hung IMS must not hold every onboarding (they wait on the lock). */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final AepSettings settings;
    private final Clock clock;
    private final URI tokenUri;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ReentrantLock fetchLock = new ReentrantLock();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile Token current;

    public ImsTokenCache(AepSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.tokenUri = URI.create(stripSlash(settings.imsUrl()) + "/ims/token/v3");
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)   // the secret goes to the configured IMS only
                .build();
    }

    /** A valid token with its generation, fetching a new one only when needed. */
    public Token token() {
        Token t = current;
        if (t != null && !t.needsRenewal(clock.instant())) {
            return t;
        }
        fetchLock.lock();
        try {
            t = current;
            if (t == null || t.needsRenewal(clock.instant())) {
                t = fetch();
                current = t;
            }
            return t;
        } finally {
            fetchLock.unlock();
        }
    }

    /**
     * The token value of the given generation for the request about to be sent; when that generation
     * was dropped or renewed since the call was prepared, the current one.
     */
    String bearer(int generation) {
        Token t = current;
        return t != null && t.generation() == generation ? t.value() : token().value();
    }

    /** Drops the token of the given generation after AEP answered 401 with it; a newer token stays. */
    public void invalidate(int generation) {
        fetchLock.lock();
        try {
            if (current != null && current.generation() == generation) {
                current = null;
            }
        } finally {
            fetchLock.unlock();
        }
    }

    /** How many tokens this bundle has fetched (a metric, and what the token tests count). */
    public int fetchCount() {
        return fetches.get();
    }

    private Token fetch() {
        HttpRequest request = HttpRequest.newBuilder(tokenUri).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formBody())).build();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ImsTokenException(tokenUri, 0, "IO_ERROR", e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImsTokenException(tokenUri, 0, "INTERRUPTED", "interrupted", e);
        }
        JsonNode json = readJson(answer.body());
        if (answer.statusCode() != 200) {
            // IMS's error and description name the problem (invalid_client ...); the body never echoes the secret
            throw new ImsTokenException(tokenUri, answer.statusCode(), json.path("error").asText("HTTP-" + answer.statusCode()),
                    json.path("error_description").asText(""), null);
        }
        String value = json.path("access_token").asText(null);
        long expiresIn = json.path("expires_in").asLong(0);
        if (value == null || value.isBlank() || expiresIn <= 0) {
            throw new ImsTokenException(tokenUri, 200, "INVALID_ANSWER", "no access_token/expires_in in the answer", null);
        }
        Instant now = clock.instant();
        Duration lifetime = Duration.ofSeconds(expiresIn);   // OAuth S2S: seconds, not the old JWT milliseconds
        Duration margin = lifetime.dividedBy(10).compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : lifetime.dividedBy(10);
        return new Token(value, fetches.incrementAndGet(), now.plus(lifetime).minus(margin));
    }

    /** URL-encoded because the secret may hold any character. */
    private String formBody() {
        return "grant_type=client_credentials"
                + "&client_id=" + enc(settings.clientId())
                + "&client_secret=" + enc(settings.clientSecret())
                + "&scope=" + enc(settings.scopes());
    }

    private JsonNode readJson(String body) {
        try {
            return body == null || body.isBlank() ? mapper.missingNode() : mapper.readTree(body);
        } catch (IOException notJson) {
            return mapper.missingNode();
        }
    }

    private static String stripSlash(String url) {
        String u = url == null ? "" : url.trim();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    /** A bearer token; toString never shows its value. */
    public record Token(String value, int generation, Instant renewAt) {
        boolean needsRenewal(Instant now) {
            return !now.isBefore(renewAt);
        }

        @Override
        public String toString() {
            return "Token[generation=" + generation + ", renewAt=" + renewAt + "]";
        }
    }
}
