package io.github.aeponboarding.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.aep.ImsTokenCache;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.RequestLogEntry;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Jms;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tokens that live 3 s, a batch paced over about ten seconds: the bundle renews the token before it
 * expires (at 90% of its lifetime), once per lifetime for the whole bundle, and no request fails.
 */
class TokenExpiryTest {
    private static final String ROOT = "target/it/token-expiry";
    private static final int REQUESTS = 40;
    private static final long TTL_SECONDS = 3;

    @Test
    void tokens_expiring_during_a_batch_are_renewed_once_per_lifetime_and_no_request_fails() throws Exception {
        BundleTest.clean(ROOT);
        try (RunningBundle bundle = RunningBundle.start(ROOT, Map.of(
                "onboarding.jms-trigger-enabled", "true",
                "aep.retry.initial-delay-ms", "20"));
             Jms jms = new Jms("vm://0")) {
            AepEmulator emulator = bundle.emulator();
            emulator.configure(emulator.options().toBuilder().tokenTtlSeconds(TTL_SECONDS).latencyMillis(20).build());
            emulator.clearRequestLog();
            long started = System.nanoTime();
            for (int i = 1; i <= REQUESTS; i++) {
                jms.send(Jms.REQUESTS, Requests.example(Requests.kind(i), String.format("token-%03d-%s", i, Requests.kind(i))), false);
                Thread.sleep(250);   // pacing of the producer: the batch spans several token lifetimes
            }
            List<Message> results = jms.receive(Jms.RESULTS, REQUESTS, Duration.ofSeconds(60));
            double spanSeconds = (System.nanoTime() - started) / 1e9;

            List<RequestLogEntry> log = emulator.requestLog();
            long tokenRequests = log.stream().filter(e -> e.path().startsWith("/ims/token")).count();
            long unauthorized = log.stream().filter(e -> e.status() == 401).count();
            long platformCalls = log.stream().filter(e -> e.path().startsWith("/data/")).count();
            int fetches = bundle.context().getRegistry().lookupByNameAndType("aepImsTokenCache", ImsTokenCache.class).fetchCount();
            System.out.printf("token expiry: %d requests over %.1f s, token lifetime %d s, %d token requests, %d answers 401, %d platform calls%n",
                    REQUESTS, spanSeconds, TTL_SECONDS, tokenRequests, unauthorized, platformCalls);

            ObjectMapper json = new ObjectMapper();
            assertThat(results).hasSize(REQUESTS).allSatisfy(m ->
                    assertThat(json.readTree(Jms.text(m)).path("status").asText()).isEqualTo("CREATED"));
            double lifetimes = spanSeconds / (TTL_SECONDS * 0.9);
            assertThat(tokenRequests).as("about one token per lifetime").isGreaterThanOrEqualTo(3)
                    .isLessThanOrEqualTo((long) Math.ceil(lifetimes) + 1 + unauthorized);
            assertThat(fetches).isEqualTo((int) tokenRequests);
            assertThat(platformCalls).isGreaterThan(10 * tokenRequests);
        }
    }
}
