package io.github.aeponboarding.aep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.ProducerTemplate;

/**
 * One IMS access token for the whole bundle: fetched once through the {@code aep-ims-token} route,
 * shared by every concurrent onboarding, renewed shortly before it expires, and never fetched by
 * two threads at once (IMS throttles clients that mint too many tokens).
 */
public class ImsTokenCache {
    /** The renewal margin is a tenth of the lifetime, at most five minutes (aepp renews 500 s early). */
    private static final Duration MAX_MARGIN = Duration.ofMinutes(5);

    private final ProducerTemplate producer;
    private final AepSettings settings;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ReentrantLock fetchLock = new ReentrantLock();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile Token current;

    public ImsTokenCache(ProducerTemplate producer, AepSettings settings, Clock clock) {
        this.producer = producer;
        this.settings = settings;
        this.clock = clock;
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

    /** The form the IMS route posts; URL-encoded here because the secret may hold any character. */
    public String formBody() {
        return "grant_type=client_credentials"
                + "&client_id=" + enc(settings.clientId())
                + "&client_secret=" + enc(settings.clientSecret())
                + "&scope=" + enc(settings.scopes());
    }

    private Token fetch() {
        String body = producer.requestBody("direct:aep-ims-token", null, String.class);
        try {
            JsonNode json = mapper.readTree(body);
            String value = json.path("access_token").asText(null);
            long expiresIn = json.path("expires_in").asLong(0);
            if (value == null || expiresIn <= 0) {
                throw new IllegalStateException("IMS answered without access_token/expires_in");
            }
            Instant now = clock.instant();
            Duration lifetime = Duration.ofSeconds(expiresIn);   // OAuth S2S: seconds, not the old JWT milliseconds
            Duration margin = lifetime.dividedBy(10).compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : lifetime.dividedBy(10);
            return new Token(value, fetches.incrementAndGet(), now.plus(lifetime).minus(margin));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("IMS answered with a body that is not JSON", e);
        }
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
