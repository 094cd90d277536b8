package io.github.aeponboarding.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.OnboardedFlow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * The bundle in a Camel runtime that is not this project's: a plain {@link DefaultCamelContext}
 * (no camel-main, no {@code Application}) given the jar's configuration class, the properties
 * and the YAML files of {@code routes/}, as an existing ESB would load them.
 */
class PlainCamelRuntimeTest {
    @Test
    void routes_folder_and_the_jar_onboard_in_a_plain_camel_context() throws Exception {
        BundleTest.clean("target/it/plain-runtime");
        CamelContext context = new DefaultCamelContext();
        try {
            context.getPropertiesComponent().setLocation("classpath:application.properties");
            context.getPropertiesComponent().addOverrideProperty("onboarding.data-dir", "target/it/plain-runtime/data");
            context.getPropertiesComponent().addOverrideProperty("onboarding.file-trigger-enabled", "false");
            new OnboardingConfiguration().configure(context);
            PluginHelper.getRoutesLoader(context).loadRoutes(routeFiles(context));
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

    private static List<Resource> routeFiles(CamelContext context) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.filter(p -> p.toString().endsWith(".camel.yaml")).sorted()
                    .map(p -> ResourceHelper.resolveResource(context, "file:" + p)).toList();
        }
    }
}
