package io.github.aeponboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aeponboarding.emulator.RequestLogEntry;
import io.github.aeponboarding.runtime.OnboardingConfiguration;
import io.github.aeponboarding.testsupport.BundleTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

@CamelMainTest(configurationClasses = OnboardingConfiguration.class,
        propertyPlaceholderLocations = {BundleTest.LOCAL_PROFILE_1, BundleTest.LOCAL_PROFILE_2},
        properties = {"onboarding.data-dir=target/it/headers/data",
            "onboarding.file-trigger-enabled=false", "onboarding.jms-trigger-enabled=false"})
class OutgoingRequestsCarryOnlyAepHeadersTest {
    /** What AEP's specs define, plus what any HTTP client sends on its own. */
    private static final Set<String> EXPECTED = Set.of("authorization", "x-api-key", "x-gw-ims-org-id", "x-sandbox-name",
            "content-type", "accept", "content-length", "host", "connection", "user-agent", "accept-encoding",
            "transfer-encoding", "expect");

    @BeanInject
    CamelContext context;

    @Test
    void ids_and_camel_headers_never_reach_aep_every_call_is_authorized_and_writes_carry_no_stray_query() throws Exception {
        ProducerTemplate producer = context.createProducerTemplate();
        producer.sendBody("direct:aep-onboard-file", Files.readAllBytes(Path.of("examples/crm-salesforce.yaml")));

        List<RequestLogEntry> calls = BundleTest.emulator(context).requestLog().stream()
                .filter(e -> e.path().startsWith("/data/")).toList();
        assertThat(calls).hasSizeGreaterThanOrEqualTo(9);
        for (RequestLogEntry call : calls) {
            List<String> names = call.headerNames().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
            assertThat(EXPECTED).as(call.method() + " " + call.path()).containsAll(names);
            assertThat(names).as(call.method() + " " + call.path())
                    .contains("authorization", "x-api-key", "x-gw-ims-org-id", "x-sandbox-name");
            if (call.method().equals("POST")) {   // nothing of an earlier call's query rides along on a write
                assertThat(call.path()).matches(p -> !p.contains("?") || p.endsWith("/dataSets?requestDataSource=true"), "no query");
            }
        }
    }
}
