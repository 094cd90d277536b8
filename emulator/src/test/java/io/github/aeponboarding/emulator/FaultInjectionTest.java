package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Latency, injected faults, rate limit: what a client sees, what is committed, and reproducibility under a seed. */
class FaultInjectionTest {
    private AepEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) emulator.close();
    }

    private AepClient start(EmulatorOptions.Builder options) {
        emulator = AepEmulator.start(options.build());
        AepClient client = new AepClient(emulator, "faults");
        emulator.clearRequestLog();
        return client;
    }

    /** Faults are drawn when a request arrives, so IMS must be reached before any rate is turned on. */
    private void faults(EmulatorOptions.Builder options) {
        emulator.configure(options.build());
    }

    @Test
    void same_seed_gives_the_same_fault_sequence() {
        AepClient client = start(EmulatorOptions.builder());
        EmulatorOptions.Builder faulty = emulator.options().toBuilder().serverErrorRate(0.2).tooManyRequestsRate(0.2)
                .lostResponseRate(0.1).connectionResetRate(0.1);
        List<String> first = faultSequence(client, faulty.seed(42));
        List<String> again = faultSequence(client, faulty.seed(42));
        List<String> otherSeed = faultSequence(client, faulty.seed(7));
        assertThat(first).hasSize(40).contains("server_error", "too_many_requests", "lost_response", "connection_reset", "none");
        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    private List<String> faultSequence(AepClient client, EmulatorOptions.Builder options) {
        faults(options);
        emulator.clearRequestLog();
        for (int i = 0; i < 40; i++) {
            ObjectNode body = AepClient.MAPPER.createObjectNode().put("name", "c" + i);
            body.putObject("connectionSpec").put("id", Tutorials.DATA_LAKE_SPEC).put("version", "1.0");
            // POST: the JDK client never retries it, so one request = one draw
            client.failure(client.builder(Tutorials.FLOWS + "/connections").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        }
        List<String> faults = new ArrayList<>();
        emulator.requestLog().forEach(e -> faults.add(e.fault() == null ? "none" : e.fault()));
        return faults;
    }

    @Test
    void lost_response_commits_the_write_and_the_client_sees_no_response() throws IOException {
        AepClient client = start(EmulatorOptions.builder());
        String token = client.token(emulator.options().clientId(), emulator.options().clientSecret());
        faults(emulator.options().toBuilder().lostResponseRate(1.0));
        HttpPost post = new HttpPost(emulator.baseUrl() + Tutorials.FLOWS + "/connections");
        post.setHeader("Authorization", "Bearer " + token);
        post.setHeader("x-api-key", emulator.options().clientId());
        post.setHeader("x-gw-ims-org-id", emulator.options().orgId());
        post.setHeader("x-sandbox-name", "faults");
        post.setEntity(new StringEntity("{\"name\":\"lost\",\"connectionSpec\":{\"id\":\"" + Tutorials.DATA_LAKE_SPEC
                + "\",\"version\":\"1.0\"}}", ContentType.APPLICATION_JSON));
        IOException failure = null;
        try (CloseableHttpClient apache = HttpClients.custom().disableAutomaticRetries().build()) {
            apache.execute(post, response -> response.getCode());
        } catch (IOException e) {
            failure = e;
        }
        assertThat(failure).as("Apache HttpClient 5 sees no response").isInstanceOf(org.apache.hc.core5.http.NoHttpResponseException.class);
        RequestLogEntry entry = emulator.requestLog().get(emulator.requestLog().size() - 1);
        assertThat(entry.status()).isZero();
        assertThat(entry.committed()).isTrue();
        assertThat(entry.fault()).isEqualTo("lost_response");
        faults(emulator.options().toBuilder().lostResponseRate(0));
        assertThat(client.get(Tutorials.FLOWS + "/connections?property=name==lost").json().get("items")).hasSize(1);
    }

    @Test
    void connection_reset_commits_nothing() {
        AepClient client = start(EmulatorOptions.builder());
        faults(emulator.options().toBuilder().connectionResetRate(1.0));
        IOException failure = client.failure(client.builder(Tutorials.FLOWS + "/connections").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"reset\",\"connectionSpec\":{\"id\":\""
                        + Tutorials.DATA_LAKE_SPEC + "\",\"version\":\"1.0\"}}")).build());
        assertThat(failure).isNotNull();
        assertThat(emulator.requestLog().get(0).committed()).isFalse();
        faults(emulator.options().toBuilder().connectionResetRate(0));
        assertThat(client.get(Tutorials.FLOWS + "/connections?property=name==reset").json().get("items")).isEmpty();
    }

    @Test
    void injected_too_many_requests_carries_retry_after_and_commits_nothing() {
        AepClient client = start(EmulatorOptions.builder());
        faults(emulator.options().toBuilder().tooManyRequestsRate(1.0).retryAfterSeconds(7));
        ObjectNode body = AepClient.MAPPER.createObjectNode().put("name", "throttled");
        body.putObject("connectionSpec").put("id", Tutorials.DATA_LAKE_SPEC).put("version", "1.0");
        Reply reply = client.post(Tutorials.FLOWS + "/connections", body);
        ErrorFormatsTest.assertGateway(reply, 429, "429050");
        assertThat(reply.header("Retry-After")).isEqualTo("7");
        faults(emulator.options().toBuilder().tooManyRequestsRate(0));
        assertThat(client.get(Tutorials.FLOWS + "/connections?property=name==throttled").json().get("items")).isEmpty();
    }

    @Test
    void injected_server_error_uses_each_services_error_body() {
        AepClient client = start(EmulatorOptions.builder());
        faults(emulator.options().toBuilder().serverErrorRate(1.0));
        TutorialMistakesTest.assertFlowError(client.get(Tutorials.FLOWS + "/flowSpecs"), 503, "1103-503");
        ErrorFormatsTest.assertXdm(client.get(Tutorials.REGISTRY + "/stats"), 503, "ServiceUnavailableError");
        ErrorFormatsTest.assertPlatform(client.get(Tutorials.CATALOG + "/dataSets"), 503);
        Reply ims = client.form("/ims/token/v3", "grant_type=client_credentials");
        ErrorFormatsTest.assertIms(ims, 503, "server_error");
        assertThat(client.get("/").status()).as("GET / never faults").isEqualTo(200);
        assertThat(client.get("/_emulator/requests").status()).as("admin never faults").isEqualTo(200);
    }

    @Test
    void rate_limit_answers_too_many_requests_with_retry_after() throws Exception {
        AepClient client = start(EmulatorOptions.builder());
        faults(emulator.options().toBuilder().rateLimitPerSecond(5));
        // a burst: all twelve arrive well within one second
        List<Reply> replies = Parallel.run(12, () -> client.get(Tutorials.FLOWS + "/flowSpecs"));
        assertThat(replies.stream().filter(r -> r.status() == 200)).hasSize(5);
        List<Reply> limited = replies.stream().filter(r -> r.status() == 429).toList();
        assertThat(limited).hasSize(7);
        ErrorFormatsTest.assertGateway(limited.get(0), 429, "429050");
        assertThat(Integer.parseInt(limited.get(0).header("Retry-After"))).isEqualTo(1);
        Thread.sleep(1100);
        assertThat(client.get(Tutorials.FLOWS + "/flowSpecs").status()).isEqualTo(200);
    }

    @Test
    void latency_does_not_serialise_concurrent_requests() throws Exception {
        AepClient client = start(EmulatorOptions.builder());
        faults(emulator.options().toBuilder().latencyMillis(400));
        long started = System.nanoTime();
        List<Reply> replies = Parallel.run(20, () -> client.get(Tutorials.FLOWS + "/flowSpecs"));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(replies).allMatch(r -> r.status() == 200);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(400).isLessThan(20 * 400 / 4);
    }
}
