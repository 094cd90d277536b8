package io.github.aeponboarding.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.aep.AepRetryPolicy;
import io.github.aeponboarding.aep.AepSettings;
import io.github.aeponboarding.aep.ImsTokenCache;
import io.github.aeponboarding.aep.ImsTokenException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** What the retry policy decides for each kind of failure, and how long it makes Camel wait. */
class RetryDecisionsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private final AepRetryPolicy policy = new AepRetryPolicy(
            new ImsTokenCache(new AepSettings("", "", "", "", "", "", "prod"), Clock.fixed(NOW, ZoneOffset.UTC)),
            4, Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC), (step, reason) -> { });

    @Test
    void a_429_waits_for_retry_after_in_seconds() {
        Exchange ex = failed("POST", http(429, Map.of("Retry-After", "7")));
        assertThat(policy.shouldRetry(ex)).isTrue();
        assertThat(delay(ex)).isEqualTo(7_000L);
        assertThat(ex.getProperty(ExchangeContract.RECHECK)).as("a 429 wrote nothing").isNull();
    }

    @Test
    void a_429_waits_until_an_http_date() {
        Exchange ex = failed("POST", http(429, Map.of("Retry-After", "Sun, 22 Nov 2026 12:00:12 GMT")));
        assertThat(policy.shouldRetry(ex)).isTrue();
        assertThat(delay(ex)).isEqualTo(12_000L);
    }

    @Test
    void a_429_never_waits_longer_than_the_cap() {
        Exchange ex = failed("GET", http(429, Map.of("Retry-After", "86400")));
        assertThat(policy.shouldRetry(ex)).isTrue();
        assertThat(delay(ex)).isEqualTo(60_000L);
    }

    @Test
    void a_5xx_after_a_post_is_retried_with_back_off_and_a_lookup_first() {
        Exchange ex = failed("POST", http(503, Map.of()));
        assertThat(policy.shouldRetry(ex)).isTrue();
        assertThat(delay(ex)).as("Camel's exponential back-off with jitter decides").isNull();
        assertThat(ex.getProperty(ExchangeContract.RECHECK, Boolean.class)).isTrue();
    }

    @Test
    void a_reset_after_connecting_may_have_written_but_a_refused_connection_did_not() {
        Exchange reset = failed("POST", new IOException("Connection reset"));
        assertThat(policy.shouldRetry(reset)).isTrue();
        assertThat(reset.getProperty(ExchangeContract.RECHECK, Boolean.class)).isTrue();

        Exchange refused = failed("POST", new ConnectException("Connection refused"));
        assertThat(policy.shouldRetry(refused)).isTrue();
        assertThat(refused.getProperty(ExchangeContract.RECHECK)).isNull();
    }

    @Test
    void a_401_is_retried_once_with_a_new_token() {
        Exchange ex = failed("GET", http(401, Map.of()));
        assertThat(policy.shouldRetry(ex)).isTrue();
        assertThat(delay(ex)).isZero();
        ex.setException(http(401, Map.of()));
        assertThat(policy.shouldRetry(ex)).as("the second 401").isFalse();
    }

    @Test
    void no_token_from_ims_is_retried_only_when_ims_did_not_answer_and_never_looks_the_resource_up() {
        java.net.URI ims = java.net.URI.create("https://ims.example/ims/token/v3");
        Exchange refused = failed("POST", new ImsTokenException(ims, 401, "invalid_client", "invalid client_secret parameter", null));
        assertThat(policy.shouldRetry(refused)).as("a refused credential").isFalse();
        Exchange down = failed("POST", new ImsTokenException(ims, 0, "IO_ERROR", "HttpTimeoutException",
                new java.net.http.HttpTimeoutException("request timed out")));
        assertThat(policy.shouldRetry(down)).as("IMS did not answer").isTrue();
        assertThat(down.getProperty(ExchangeContract.RECHECK)).as("no AEP call was made").isNull();
    }

    @Test
    void other_4xx_are_never_retried() {
        for (int status : new int[] {400, 403, 404, 409, 412, 422}) {
            assertThat(policy.shouldRetry(failed("POST", http(status, Map.of())))).as("%d", status).isFalse();
        }
    }

    @Test
    void retries_stop_at_the_configured_attempts() {
        Exchange ex = failed("GET", http(503, Map.of()));
        assertThat(policy.shouldRetry(ex)).isTrue();
        assertThat(policy.shouldRetry(ex)).isTrue();
        assertThat(policy.shouldRetry(ex)).isTrue();
        assertThat(policy.shouldRetry(ex)).as("the 4th attempt failed: no 5th").isFalse();
    }

    private static Exchange failed(String method, Exception failure) {
        Exchange ex = new DefaultExchange(new DefaultCamelContext());
        ex.setVariable(ExchangeContract.METHOD, method);
        ex.setProperty("aepStep", "test");
        ex.setException(failure);
        return ex;
    }

    private static HttpOperationFailedException http(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("http://aep/x", status, "status " + status, null, headers, "{}");
    }

    private static Long delay(Exchange ex) {
        return ex.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
    }
}
