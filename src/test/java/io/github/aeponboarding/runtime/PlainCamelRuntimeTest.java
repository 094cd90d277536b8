package io.github.aeponboarding.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.OnboardedFlow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

/**
 * The bundle in a Camel runtime that is not this project's: a plain {@link DefaultCamelContext}
 * (no camel-main, no {@code Application}) given the jar's configuration class, its properties
 * ({@code aep-config/}, local profile) and its YAML routes ({@code aep-routes/}), as an existing ESB
 * would load them from the jar.
 */
class PlainCamelRuntimeTest {
    @Test
    void the_jar_s_routes_and_configuration_onboard_in_a_plain_camel_context() throws Exception {
        BundleTest.clean("target/it/plain-runtime");
        CamelContext context = new DefaultCamelContext();
        try {
            // the local profile: the only one that may start the in-process emulator and the embedded broker
            context.getPropertiesComponent().setLocation(BundleTest.LOCAL_PROFILE_1 + "," + BundleTest.LOCAL_PROFILE_2);
            context.getPropertiesComponent().addOverrideProperty("onboarding.data-dir", "target/it/plain-runtime/data");
            context.getPropertiesComponent().addOverrideProperty("onboarding.file-trigger-enabled", "false");
            new OnboardingConfiguration().configure(context);
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    PluginHelper.getPackageScanResourceResolver(context).findResources(BundleRoutes.CLASSPATH));
            context.start();

            String reply = context.createProducerTemplate().requestBody("jms:queue:aep.onboarding.requests?requestTimeout=30000"
                    + "&connectionFactory=#aepJmsConnectionFactory", Files.readString(Path.of("examples/crm-salesforce.yaml")), String.class);
            JsonNode result = new ObjectMapper().readTree(reply);
            assertThat(result.path("status").asText()).as(reply).isEqualTo("CREATED");
            OnboardedFlow.assertLinked(AepClient.forEmulator(BundleTest.emulator(context).baseUrl()), result);
        } finally {
            context.close();
        }
    }
}
