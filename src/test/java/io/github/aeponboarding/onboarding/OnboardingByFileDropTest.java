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
        BundleTest.clean(ROOT.resolve("outbox").toString());
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

    @Test
    void a_bad_field_is_named_in_the_dead_letter_with_no_aep_call_and_the_bundle_keeps_running() throws Exception {
        BundleTest.clean(ROOT.resolve("outbox").toString());
        Path inbox = Files.createDirectories(ROOT.resolve("inbox"));
        // the payments tutorial's own mistakes: interval as a string, a field group twice
        String bad = Files.readString(Path.of("examples/payments-paypal.yaml"))
                .replace("interval: 30", "interval: \"30\"")
                .replace("      - https://ns.adobe.com/xdm/context/profile-personal-details\n",
                        "      - https://ns.adobe.com/xdm/context/profile-personal-details\n      - https://ns.adobe.com/xdm/context/profile-personal-details\n");
        Files.writeString(inbox.resolve("tutorial-mistakes.yaml"), bad);

        Path failure = ROOT.resolve("deadletter/tutorial-mistakes.yaml.failure.json");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(failure));
        JsonNode doc = mapper.readTree(failure.toFile());
        assertThat(doc.path("status").asText()).isEqualTo("FAILED");
        assertThat(doc.path("step").asText()).isEqualTo("validation");
        assertThat(doc.path("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(doc.path("problems").toString()).contains("$.schedule.interval").contains("$.target.schema.fieldGroups");
        assertThat(doc.path("ids").size()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(inbox.resolve(".error/tutorial-mistakes.yaml")));
        assertThat(Files.readString(ROOT.resolve("deadletter/tutorial-mistakes.yaml"))).isEqualTo(bad);
        assertThat(BundleTest.platformCalls(context)).as("no AEP call for an invalid request").isZero();

        // still running: the next request onboards
        Files.copy(Path.of("examples/crm-salesforce.yaml"), inbox.resolve("crm-salesforce.yaml"));
        Path result = ROOT.resolve("outbox/crm-salesforce-contacts.result.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result));
        assertThat(mapper.readTree(result.toFile()).path("status").asText()).isEqualTo("CREATED");
    }
}
