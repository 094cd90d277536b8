package io.github.aeponboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aeponboarding.runtime.OnboardingConfiguration;
import io.github.aeponboarding.testsupport.BundleTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

@CamelMainTest(configurationClasses = OnboardingConfiguration.class,
        propertyPlaceholderLocations = {BundleTest.LOCAL_PROFILE_1, BundleTest.LOCAL_PROFILE_2},
        properties = {"onboarding.data-dir=target/it/one-token/data",
            "onboarding.file-trigger-enabled=false", "onboarding.jms-trigger-enabled=false"})
class ConcurrentOnboardingsShareOneTokenTest {
    @BeanInject
    CamelContext context;

    @Test
    void twelve_concurrent_onboardings_fetch_one_token_one_flow_spec_and_create_one_base_connection() throws Exception {
        BundleTest.clean("target/it/one-token");
        String crm = Files.readString(Path.of("examples/crm-salesforce.yaml"));
        ProducerTemplate producer = context.createProducerTemplate();
        List<CompletableFuture<Exchange>> running = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String request = crm.replace("id: crm-salesforce-contacts", "id: crm-concurrent-" + i);
            running.add(producer.asyncSend("direct:aep-onboard-file", ex -> ex.getMessage().setBody(request.getBytes())));
        }
        for (CompletableFuture<Exchange> done : running) {
            assertThat(done.get().getMessage().getHeader("AepStatus", String.class)).as(done.get().getMessage().getBody(String.class))
                    .isEqualTo("CREATED");
        }
        var log = BundleTest.emulator(context).requestLog();
        assertThat(log.stream().filter(e -> e.path().startsWith("/ims/token")).count()).as("IMS token requests").isEqualTo(1);
        assertThat(log.stream().filter(e -> e.path().contains("/flowSpecs")).count()).as("flowSpec lookups").isEqualTo(1);
        assertThat(log.stream().filter(e -> e.method().equals("POST") && e.path().endsWith("/flowservice/connections")).count())
                .as("dataset base connections created").isEqualTo(1);
        assertThat(log.stream().filter(e -> e.method().equals("POST") && e.path().endsWith("/flowservice/flows")).count()).isEqualTo(12);
    }
}
