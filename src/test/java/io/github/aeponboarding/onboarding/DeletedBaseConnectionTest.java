package io.github.aeponboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.runtime.OnboardingConfiguration;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.OnboardedFlow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dataset base connection is cached per sandbox; when someone deletes it in AEP, the next
 * target connection is refused, and the bundle looks it up again (creating a new one) and retries once.
 */
@CamelMainTest(configurationClasses = OnboardingConfiguration.class,
        propertyPlaceholderLocations = {BundleTest.LOCAL_PROFILE_1, BundleTest.LOCAL_PROFILE_2},
        properties = {
            "onboarding.data-dir=target/it/deleted-base-connection/data",
            "onboarding.file-trigger-enabled=false",
            "onboarding.jms-trigger-enabled=false"})
class DeletedBaseConnectionTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void cleanFolders() throws Exception {
        BundleTest.clean("target/it/deleted-base-connection");
    }

    @Test
    void a_deleted_cached_base_connection_is_looked_up_again() throws Exception {
        JsonNode crm = onboard("examples/crm-salesforce.yaml");
        assertThat(crm.path("status").asText()).isEqualTo("CREATED");
        String stale = crm.path("ids").path("datasetBaseConnection").asText();

        AepClient aep = BundleTest.aep(context);
        // AEP refuses to delete a base connection a flow still uses: the flow goes first
        assertThat(aep.delete("/data/foundation/flowservice/flows/" + crm.path("flowId").asText())).isBetween(200, 299);
        assertThat(aep.delete("/data/foundation/flowservice/connections/" + stale)).isBetween(200, 299);

        JsonNode payments = onboard("examples/payments-paypal.yaml");
        assertThat(payments.path("status").asText()).as(payments.toString()).isEqualTo("CREATED");
        assertThat(payments.path("ids").path("datasetBaseConnection").asText()).isNotBlank().isNotEqualTo(stale);
        OnboardedFlow.assertLinked(aep, payments);
    }

    private JsonNode onboard(String file) throws Exception {
        ProducerTemplate producer = context.createProducerTemplate();
        Exchange done = producer.send("direct:onboard-file", ex -> {
            ex.getMessage().setBody(Files.readAllBytes(Path.of(file)));
            ex.getMessage().setHeader(Exchange.FILE_NAME_ONLY, Path.of(file).getFileName().toString());
        });
        return mapper.readTree(done.getMessage().getBody(String.class));
    }
}
