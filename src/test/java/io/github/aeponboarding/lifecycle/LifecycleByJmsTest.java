package io.github.aeponboarding.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.AepInventory;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Jms;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every action through JMS: the document's {@code action}, or the message property {@code AepAction},
 * which wins; an unknown action is refused before any AEP call and dead-lettered like any invalid request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleByJmsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private RunningBundle bundle;
    private AepClient aep;
    private Jms jms;

    @BeforeAll
    void start() throws Exception {
        BundleTest.clean("target/it/lifecycle-jms");
        bundle = RunningBundle.start("target/it/lifecycle-jms", Map.of("onboarding.jms-trigger-enabled", "true"));
        aep = BundleTest.aep(bundle.context());
        jms = new Jms("vm://0");   // the bundle's embedded broker
    }

    @AfterAll
    void stop() throws Exception {
        try (RunningBundle b = bundle; Jms j = jms) {
            // both closed, the client first
        }
    }

    @Test
    void every_action_by_jms_answers_its_status() throws Exception {
        byte[] request = Requests.example("crm", "jms-life");

        assertThat(send(request, Map.of("AepAction", "plan")).path("status").asText()).isEqualTo("PLANNED");
        assertThat(AepInventory.of(aep, "jms-life", "crm")).as("after plan").allSatisfy((kind, n) -> assertThat(n).as(kind).isZero());
        String flowId = send(request, Map.of()).path("flowId").asText();
        assertThat(send(Requests.example("crm", "jms-life", r -> r.put("action", "disable")), Map.of()).path("status").asText())
                .isEqualTo("DISABLED");
        assertThat(flowState(flowId)).isEqualTo("disabled");
        // the property wins over the document: enable, and nothing offboarded
        assertThat(send(Requests.example("crm", "jms-life", r -> r.put("action", "offboard")), Map.of("AepAction", "enable"))
                .path("status").asText()).isEqualTo("ENABLED");
        assertThat(flowState(flowId)).isEqualTo("enabled");

        JsonNode offboarded = send(request, Map.of("AepAction", "offboard"));
        assertThat(offboarded.path("status").asText()).isEqualTo("OFFBOARDED");
        assertThat(AepInventory.of(aep, "jms-life", "crm")).allSatisfy((kind, n) ->
                assertThat(n).as(kind).isEqualTo(kind.equals("mappingSet") ? 1 : 0));
        assertThat(jms.receive(Jms.DEAD_LETTER, 1, Duration.ofMillis(200))).as("no dead letter").isEmpty();
    }

    @Test
    void an_unknown_action_in_the_property_or_the_document_is_dead_lettered_before_any_aep_call() throws Exception {
        long calls = BundleTest.platformCalls(bundle.context());
        byte[] request = Requests.example("crm", "jms-unknown");

        JsonNode byProperty = send(request, Map.of("AepAction", "destroy"));
        JsonNode byDocument = send(Requests.example("crm", "jms-unknown", r -> r.put("action", "destroy")), Map.of());

        for (JsonNode failed : List.of(byProperty, byDocument)) {
            assertThat(failed.path("status").asText()).isEqualTo("FAILED");
            assertThat(failed.path("code").asText()).isEqualTo("INVALID_REQUEST");
            assertThat(failed.path("problems").path(0).asText()).startsWith("$.action").contains("offboard");
        }
        assertThat(byProperty.path("problems").path(0).asText()).contains("AepAction").contains("destroy");
        assertThat(jms.receive(Jms.DEAD_LETTER, 2, Duration.ofSeconds(10))).hasSize(2);
        assertThat(BundleTest.platformCalls(bundle.context())).isEqualTo(calls);
    }

    private JsonNode send(byte[] request, Map<String, String> properties) throws Exception {
        jms.send(Jms.REQUESTS, request, false, properties);
        List<Message> results = jms.receive(Jms.RESULTS, 1, Duration.ofSeconds(60));
        assertThat(results).hasSize(1);
        return JSON.readTree(Jms.text(results.get(0)));
    }

    private String flowState(String flowId) throws Exception {
        return aep.get("/data/foundation/flowservice/flows/" + flowId).path("items").path(0).path("state").asText();
    }
}
