package io.github.aeponboarding.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.emulator.RequestLogEntry;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.OnboardedFlow;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Re-submitting is safe: the same request answers UNCHANGED and writes nothing, a changed one is
 * refused with the differing fields, and a request that failed late reuses what it created before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResubmissionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private RunningBundle bundle;
    private AepEmulator emulator;
    private volatile boolean failFlow;

    /** Where the bundle keeps its store (nothing: the embedded default); {@link ResubmissionOnPostgresTest} overrides it. */
    Map<String, String> store() {
        return Map.of();
    }

    @BeforeAll
    void start() throws Exception {
        String root = "target/it/" + getClass().getSimpleName();
        BundleTest.clean(root);
        Map<String, String> properties = new java.util.HashMap<>(store());
        properties.putAll(Map.of(
                "aep.retry.max-attempts", "3",
                "aep.retry.initial-delay-ms", "10",
                "aep.retry.max-delay-ms", "50"));
        // every AEP call fails with 503 from the moment the flow step of request crm-resubmit-failed
        // starts, until the test calms the emulator again
        bundle = RunningBundle.start(root, properties,
                Map.of("failFlowOfOneRequest", RunningBundle.before("call-flow", ex -> {
                    if (ex.getProperty("aepRequest").toString().contains("crm-resubmit-failed") && failFlow) {
                        emulator.configure(emulator.options().toBuilder().serverErrorRate(1.0).build());
                    }
                })));
        emulator = bundle.emulator();
    }

    @AfterAll
    void stop() {
        bundle.close();
    }

    @Test
    void the_same_request_twice_is_unchanged_with_the_same_flow_and_no_write() throws Exception {
        byte[] request = Requests.example("crm", "crm-resubmit-same");
        int fresh = emulator.requestLog().size();
        JsonNode first = result(bundle.onboard("first.json", request));
        assertThat(first.path("status").asText()).isEqualTo("CREATED");
        assertThat(platformCalls(emulator.requestLog(), fresh)).as("a fresh onboarding looks nothing up by name")
                .noneMatch(c -> c.method().equals("GET") && c.path().contains("crm-resubmit-same"));

        int mark = emulator.requestLog().size();
        JsonNode second = result(bundle.onboard("second.json", request));

        assertThat(second.path("status").asText()).isEqualTo("UNCHANGED");
        assertThat(second.path("flowId").asText()).isEqualTo(first.path("flowId").asText());
        assertThat(second.path("ids")).isEqualTo(first.path("ids"));
        List<RequestLogEntry> calls = platformCalls(emulator.requestLog(), mark);
        assertThat(RunningBundle.posts(calls)).as("writes of the re-submission").isEmpty();
        assertThat(calls).as("the one verifying GET").hasSize(1)
                .allSatisfy(c -> assertThat(c.method() + " " + c.path()).startsWith("GET /data/foundation/flowservice/flows/"));
        OnboardedFlow.assertLinked(BundleTest.aep(bundle.context()), second);
    }

    @Test
    void a_changed_definition_under_the_same_id_is_refused_naming_the_differences() throws Exception {
        JsonNode first = result(bundle.onboard("first.json", Requests.example("payments", "payments-resubmit-changed")));
        assertThat(first.path("status").asText()).isEqualTo("CREATED");

        int mark = emulator.requestLog().size();
        JsonNode changed = result(bundle.onboard("changed.json", Requests.example("payments", "payments-resubmit-changed", r -> {
            r.with("schedule").put("interval", 45);
            r.withArray("mapping").remove(3);
        })));

        assertThat(changed.path("status").asText()).isEqualTo("FAILED");
        assertThat(changed.path("code").asText()).isEqualTo("DEFINITION_CHANGED");
        assertThat(changed.path("message").asText())
                .contains("payments-resubmit-changed")
                .contains("$.schedule.interval: 30 -> 45")
                .contains("$.mapping[3].source: \"Type\" -> (absent)");
        assertThat(RunningBundle.posts(platformCalls(emulator.requestLog(), mark))).isEmpty();
        assertThat(changed.path("ids").path("flow").asText()).as("what exists is reported").isEqualTo(first.path("flowId").asText());
    }

    @Test
    void a_changed_schedule_is_applied_to_the_flow_in_place_with_if_match() throws Exception {
        JsonNode first = result(bundle.onboard("first.json", Requests.example("crm", "crm-resubmit-schedule")));
        assertThat(first.path("status").asText()).isEqualTo("CREATED");

        int mark = emulator.requestLog().size();
        byte[] changed = Requests.example("crm", "crm-resubmit-schedule", r -> r.with("schedule").put("interval", 45));
        JsonNode updated = result(bundle.onboard("changed.json", changed));

        assertThat(updated.path("status").asText()).isEqualTo("UPDATED");
        assertThat(updated.path("flowId").asText()).isEqualTo(first.path("flowId").asText());
        assertThat(updated.path("changes")).extracting(JsonNode::asText).containsExactly("$.schedule.interval: 30 -> 45");
        List<RequestLogEntry> calls = platformCalls(emulator.requestLog(), mark);
        assertThat(RunningBundle.posts(calls)).isEmpty();
        assertThat(calls).filteredOn(c -> c.method().equals("PATCH")).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("/data/foundation/flowservice/flows/" + first.path("flowId").asText());
            assertThat(c.status()).isEqualTo(200);
            assertThat(c.headerNames()).contains("if-match");
        });
        JsonNode flow = BundleTest.aep(bundle.context()).get("/data/foundation/flowservice/flows/" + first.path("flowId").asText());
        assertThat(flow.path("items").path(0).path("scheduleParams").path("interval").asInt()).isEqualTo(45);

        assertThat(result(bundle.onboard("again.json", changed)).path("status").asText()).isEqualTo("UNCHANGED");
    }

    @Test
    void a_request_that_failed_at_the_flow_step_reuses_everything_created_before_it() throws Exception {
        byte[] request = Requests.example("crm", "crm-resubmit-failed");
        int mark = emulator.requestLog().size();
        failFlow = true;
        JsonNode failed = result(bundle.onboard("failing.json", request));
        failFlow = false;
        emulator.configure(calm(emulator.options()));

        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("step").asText()).isEqualTo("flow");
        assertThat(failed.path("httpStatus").asInt()).isEqualTo(503);
        List<String> created = RunningBundle.posts(platformCalls(emulator.requestLog(), mark)).stream()
                .filter(RequestLogEntry::committed).map(RequestLogEntry::path).toList();
        assertThat(created).hasSize(7);
        assertThat(platformCalls(emulator.requestLog(), mark)).as("no rollback by default")
                .noneMatch(c -> c.method().equals("DELETE"));

        mark = emulator.requestLog().size();
        JsonNode resumed = result(bundle.onboard("again.json", request));

        assertThat(resumed.path("status").asText()).isEqualTo("CREATED");
        List<RequestLogEntry> calls = platformCalls(emulator.requestLog(), mark);
        assertThat(RunningBundle.posts(calls)).as("only the flow is written again")
                .extracting(RequestLogEntry::path).containsExactly("/data/foundation/flowservice/flows");
        // the flow's POST may have been sent before the failure: it is looked up by name first
        assertThat(calls).anySatisfy(c -> assertThat(c.method() + " " + c.path())
                .startsWith("GET /data/foundation/flowservice/flows?property=name==crm-resubmit-failed"));
        failed.path("ids").fields().forEachRemaining(id ->
                assertThat(resumed.path("ids").path(id.getKey()).asText()).as(id.getKey()).isEqualTo(id.getValue().asText()));
        OnboardedFlow.assertLinked(BundleTest.aep(bundle.context()), resumed);
    }

    static JsonNode result(Exchange done) throws Exception {
        return JSON.readTree(done.getMessage().getBody(String.class));
    }

    static List<RequestLogEntry> platformCalls(List<RequestLogEntry> log, int from) {
        return log.subList(from, log.size()).stream().filter(e -> e.path().startsWith("/data/")).toList();
    }

    static EmulatorOptions calm(EmulatorOptions o) {
        return o.toBuilder().serverErrorRate(0).tooManyRequestsRate(0).lostResponseRate(0).connectionResetRate(0).build();
    }
}
