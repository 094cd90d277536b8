package io.github.aeponboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.runtime.OnboardingConfiguration;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.OnboardedFlow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@CamelMainTest(configurationClasses = OnboardingConfiguration.class,
        propertyPlaceholderLocations = {BundleTest.LOCAL_PROFILE_1, BundleTest.LOCAL_PROFILE_2},
        properties = {
            "onboarding.data-dir=target/it/file-drop/data",
            "onboarding.inbox=target/it/file-drop/inbox",
            "onboarding.outbox=target/it/file-drop/outbox",
            "onboarding.deadletter=target/it/file-drop/deadletter",
            "onboarding.file-min-age-ms=100",
            "onboarding.jms-trigger-enabled=false"})
class OnboardingByFileDropTest {
    private static final Path ROOT = Path.of("target/it/file-drop");
    private final ObjectMapper mapper = new ObjectMapper();

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void cleanFolders() throws Exception {
        BundleTest.clean(ROOT.toString());
    }

    @Test
    void dropped_examples_become_linked_dataflows_and_move_to_done() throws Exception {
        Path inbox = Files.createDirectories(ROOT.resolve("inbox"));
        Files.copy(Path.of("examples/crm-salesforce.yaml"), inbox.resolve("crm-salesforce.yaml"));
        Files.copy(Path.of("examples/payments-paypal.yaml"), inbox.resolve("payments-paypal.yaml"));

        Path crm = ROOT.resolve("outbox/crm-salesforce-contacts.result.json");
        Path payments = ROOT.resolve("outbox/payments-paypal-products.result.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(crm) && Files.exists(payments));

        for (Path result : new Path[] {crm, payments}) {
            JsonNode doc = mapper.readTree(result.toFile());
            assertThat(doc.path("status").asText()).isEqualTo("CREATED");
            OnboardedFlow.assertLinked(BundleTest.aep(context), doc);
        }
        assertThat(mapper.readTree(crm.toFile()).path("kind").asText()).isEqualTo("crm");
        assertThat(mapper.readTree(payments.toFile()).path("kind").asText()).isEqualTo("payments");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(inbox.resolve(".done/crm-salesforce.yaml"))
                && Files.exists(inbox.resolve(".done/payments-paypal.yaml")));
        assertThat(inbox.resolve("crm-salesforce.yaml")).doesNotExist();
    }
}
