package io.github.aeponboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.runtime.OnboardingConfiguration;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.OnboardedFlow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@CamelMainTest(configurationClasses = OnboardingConfiguration.class,
        propertyPlaceholderLocations = {BundleTest.LOCAL_PROFILE_1, BundleTest.LOCAL_PROFILE_2},
        properties = {
            "onboarding.data-dir=target/it/jms/data",
            "onboarding.file-trigger-enabled=false"})
class OnboardingByJmsTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void cleanFolders() throws Exception {
        BundleTest.clean("target/it/jms");
    }

    @Test
    void request_reply_answers_each_example_with_a_linked_dataflow() throws Exception {
        ProducerTemplate producer = context.createProducerTemplate();
        for (String example : new String[] {"examples/crm-salesforce.yaml", "examples/payments-paypal.yaml"}) {
            String reply = producer.requestBody("jms:queue:aep.onboarding.requests?requestTimeout=30000",
                    Files.readString(Path.of(example)), String.class);
            JsonNode result = mapper.readTree(reply);
            assertThat(result.path("status").asText()).as(reply).isEqualTo("CREATED");
            OnboardedFlow.assertLinked(BundleTest.aep(context), result);
        }
    }

    @Test
    void a_request_without_reply_to_publishes_its_result_and_a_bad_one_is_dead_lettered_once() throws Exception {
        ProducerTemplate producer = context.createProducerTemplate();
        ConsumerTemplate consumer = context.createConsumerTemplate();
        producer.sendBody("jms:queue:aep.onboarding.requests", Files.readString(Path.of("examples/payments-paypal.yaml")));
        JsonNode result = mapper.readTree(consumer.receiveBody("jms:queue:aep.onboarding.results", 30000, String.class));
        assertThat(result.path("status").asText()).isEqualTo("CREATED");

        String bad = Files.readString(Path.of("examples/crm-salesforce.yaml")).replace("interval: 30", "interval: 5");
        producer.sendBody("jms:queue:aep.onboarding.requests", bad);
        JsonNode failed = mapper.readTree(consumer.receiveBody("jms:queue:aep.onboarding.results", 30000, String.class));
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("message").asText()).contains("$.schedule.interval");

        org.apache.camel.Exchange dead = consumer.receive("jms:queue:aep.onboarding.deadletter", 10000);
        assertThat(dead).isNotNull();
        assertThat(dead.getMessage().getBody(String.class)).isEqualTo(bad);
        assertThat(dead.getMessage().getHeader("AepFailure", String.class)).contains("\"status\":\"FAILED\"");
        assertThat(consumer.receive("jms:queue:aep.onboarding.deadletter", 2000)).as("exactly one dead letter").isNull();
    }
}
