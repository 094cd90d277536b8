package io.github.aeponboarding.host.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bundle inside a Spring Boot application: both example requests go to the host's broker (Artemis,
 * embedded by Spring Boot), the bundle's routes from its jar onboard them into AEP (the bundle's emulator,
 * started here as a stand-alone AEP), and the results come back on the result queue. AEP itself is then
 * asked whether each flow exists.
 */
@SpringBootTest(properties = {
        // Spring Boot's embedded Artemis: in-VM, in memory, a fresh broker per test run
        "spring.artemis.mode=embedded",
        "spring.artemis.embedded.persistent=false",
        // the embedded broker's audit log would print every message, request bodies included
        "logging.level.org.apache.activemq.audit=WARN"})
class OnboardingOverTheHostsJmsTest {
    private static final List<String> EXAMPLES = List.of("crm-salesforce.yaml", "payments-paypal.yaml");
    // stands in for the real Platform: started before Spring, reached over HTTP like AEP itself
    private static final AepEmulator AEP = AepEmulator.start(EmulatorOptions.defaults());

    @Autowired
    JmsTemplate jms;
    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void aep(DynamicPropertyRegistry settings) throws Exception {
        // the bundle's store, new for each run (its default, data/, is relative to the working directory)
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "host-data-");
        settings.add("onboarding.data-dir", dataDir::toString);
        EmulatorOptions options = AEP.options();
        settings.add("aep.base-url", AEP::baseUrl);
        settings.add("aep.ims-url", AEP::baseUrl);
        settings.add("aep.client-id", options::clientId);
        settings.add("aep.client-secret", options::clientSecret);
        settings.add("aep.org-id", options::orgId);
    }

    @AfterAll
    static void stopAep() {
        AEP.close();
    }

    @Test
    void both_examples_sent_to_the_host_s_broker_are_created_in_aep() throws Exception {
        assertThat(camel.getRoute("aep-jms-trigger")).as("the bundle's routes are loaded from its jar").isNotNull();
        // a camel.main default of the bundle's (its dead letters keep the original request) reaches the host's context
        assertThat(camel.isAllowUseOriginalMessage()).isTrue();
        assertThat(camel.getName()).as("the host's own setting wins over the bundle's default").isEqualTo("aep-onboarding-host");
        for (String example : EXAMPLES) {
            jms.convertAndSend("aep.onboarding.requests", Files.readString(Path.of("../../examples", example)));
        }

        jms.setReceiveTimeout(60_000);
        Map<String, JsonNode> results = new HashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < EXAMPLES.size(); i++) {
            TextMessage message = (TextMessage) jms.receive("aep.onboarding.results");
            assertThat(message).as("result %d of %d within 60 s", i + 1, EXAMPLES.size()).isNotNull();
            JsonNode result = mapper.readTree(message.getText());
            results.put(result.path("id").asText(), result);
        }

        assertThat(results).containsOnlyKeys("crm-salesforce-contacts", "payments-paypal-products");
        AepApi aep = AepApi.login(AEP.baseUrl(), AEP.options());
        for (JsonNode result : results.values()) {
            assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("CREATED");
            String flowId = result.path("flowId").asText();
            JsonNode flow = aep.get("/data/foundation/flowservice/flows/" + flowId).path("items").path(0);
            assertThat(flow.path("id").asText()).as("AEP holds the flow of " + result.path("id")).isEqualTo(flowId);
            assertThat(flow.path("sourceConnectionIds").path(0).asText())
                    .isEqualTo(result.path("ids").path("sourceConnection").asText());
        }
    }
}
