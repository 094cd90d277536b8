package io.github.aeponboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Ports;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A CREATED result reports the new flow's first run, read through the real routes from an emulator
 * whose runs last {@value #RUN_MS} ms and end as the test configures per source table; the bundle
 * watches up to {@value #WATCH_SECONDS} s, so a run is seen to end with seconds to spare.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunWatchTest {
    private static final long RUN_MS = 300;
    private static final int WATCH_SECONDS = 5;
    private static final String ROOT = "target/it/run-watch";
    private final ObjectMapper mapper = new ObjectMapper();
    private AepEmulator emulator;
    private EmulatorOptions options;
    private RunningBundle bundle;
    private int managementPort;

    @BeforeAll
    void start() throws Exception {
        BundleTest.clean(ROOT);
        options = EmulatorOptions.builder().runDurationMillis(RUN_MS).build();
        emulator = AepEmulator.start(options);
        managementPort = Ports.free();
        Map<String, String> properties = new HashMap<>(RunningBundle.at(emulator));
        properties.put("onboarding.run-watch-seconds", String.valueOf(WATCH_SECONDS));
        properties.put("camel.management.port", String.valueOf(managementPort));
        bundle = RunningBundle.start(ROOT, properties);
    }

    @AfterAll
    void stop() {
        bundle.close();
        emulator.close();
    }

    @Test
    void a_successful_first_run_is_reported_with_its_records_once_it_ended() throws Exception {
        emulator.configure(options);
        JsonNode result = onboard("payments", "runs-success");

        JsonNode run = result.path("run");
        assertThat(run.path("status").asText()).as(result.toString()).isEqualTo("success");
        assertThat(run.path("watched").asBoolean()).isTrue();
        assertThat(run.path("recordsRead").asLong()).as("rows of the seeded PayPal.Catalog_Products table").isEqualTo(4);
        assertThat(run.path("recordsWritten").asLong()).isEqualTo(4);
        assertThat(run.path("recordsFailed").asLong()).isZero();
        assertThat(run.path("durationMs").asLong()).isGreaterThanOrEqualTo(RUN_MS);
        assertThat(run.path("errors")).isEmpty();
        JsonNode inAep = aep().get("/data/foundation/flowservice/runs?property=flowId==" + result.path("flowId").asText());
        assertThat(run.path("id").asText()).isEqualTo(inAep.at("/items/0/id").asText());
    }

    @Test
    void a_partially_successful_run_reports_its_failed_records_and_row_errors_and_sets_the_gauge() throws Exception {
        emulator.configure(options.toBuilder().runOutcomes(Map.of("Contact", "partialSuccess")).build());
        JsonNode result = onboard("crm", "runs-partial");

        JsonNode run = result.path("run");
        assertThat(run.path("status").asText()).as(result.toString()).isEqualTo("partialSuccess");
        assertThat(run.path("recordsRead").asLong()).isEqualTo(5);
        assertThat(run.path("recordsWritten").asLong()).isEqualTo(4);
        assertThat(run.path("recordsFailed").asLong()).isEqualTo(1);
        assertThat(run.path("errors").findValuesAsText("code")).containsExactly("INGEST-1212-400", "MAPPER-3700-400");
        assertThat(run.at("/errors/1/recordCount").asLong()).isEqualTo(1);

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String flow = "flow_id=\"" + result.path("flowId").asText() + "\"";
        assertThat(gauge(metrics, flow, "status=\"partialSuccess\"")).isEqualTo(1.0);
        assertThat(gauge(metrics, flow, "status=\"success\"")).isZero();
        assertThat(gauge(metrics, flow, "status=\"inProgress\"")).isZero();
        assertThat(gauge(metrics, flow, "request_id=\"runs-partial\"")).as("some status series of the request").isNotNull();
    }

    @Test
    void a_failed_run_reports_the_connectors_error() throws Exception {
        emulator.configure(options.toBuilder().runOutcomes(Map.of("Contact", "failed")).build());
        JsonNode result = onboard("crm", "runs-failed");

        assertThat(result.path("status").asText()).as("the onboarding itself succeeded").isEqualTo("CREATED");
        JsonNode run = result.path("run");
        assertThat(run.path("status").asText()).as(result.toString()).isEqualTo("failed");
        assertThat(run.at("/errors/0/code").asText()).isEqualTo("CONNECTOR-2001-500");
        assertThat(run.at("/errors/0/message").asText()).contains("Contact");
        assertThat(run.path("recordsWritten").asLong()).isZero();
    }

    @Test
    void a_run_longer_than_the_wait_is_reported_in_progress_and_not_watched_to_its_end() throws Exception {
        emulator.configure(options.toBuilder().runDurationMillis(120_000).build());
        long started = System.currentTimeMillis();
        JsonNode result = onboard("payments", "runs-long");

        assertThat(System.currentTimeMillis() - started).as("waited about the watch, not the run")
                .isGreaterThanOrEqualTo(WATCH_SECONDS * 1000L - 1000).isLessThan(60_000);
        JsonNode run = result.path("run");
        assertThat(run.path("status").asText()).as(result.toString()).isEqualTo("inProgress");
        assertThat(run.path("watched").asBoolean()).isFalse();
        assertThat(run.path("durationMs").isNull()).isTrue();
        assertThat(run.path("startedAt").asText()).isNotBlank();
    }

    @Test
    void a_re_submission_that_changes_nothing_does_not_look_at_runs() throws Exception {
        emulator.configure(options);
        onboard("payments", "runs-again");
        JsonNode again = onboard("payments", "runs-again");

        assertThat(again.path("status").asText()).isEqualTo("UNCHANGED");
        assertThat(again.has("run")).as("re-submission stays one GET; `status` shows later runs").isFalse();
    }

    private JsonNode onboard(String kind, String id) throws Exception {
        JsonNode result = mapper.readTree(bundle.onboard(id + ".json", Requests.example(kind, id)).getMessage().getBody(String.class));
        assertThat(result.path("status").asText()).as(result.toString()).isIn("CREATED", "UNCHANGED");
        return result;
    }

    private AepClient aep() throws Exception {
        return AepClient.forEmulator(emulator.baseUrl());
    }

    /** The value of the aep_flow_last_run series whose labels contain both parts, or null. */
    private static Double gauge(String metrics, String label, String other) {
        for (String line : metrics.lines().toList()) {
            if (line.startsWith("aep_flow_last_run{") && line.contains(label) && line.contains(other)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no aep_flow_last_run with " + label + " and " + other + " in:\n"
                + metrics.lines().filter(l -> l.startsWith("aep_flow_last_run")).toList());
    }
}
