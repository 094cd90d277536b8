package io.github.aeponboarding.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aeponboarding.aep.AepHttpClient;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.RunningBundle;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

/**
 * The bundle in a host's CamelContext changes none of the host's components: the host's {@code http} and
 * {@code https} settings survive the bundle's configuration, and only the AEP endpoint's own HttpClient
 * has its automatic retries off (a 503 reaches Camel's error handler once per attempt), while the host's
 * endpoints keep HttpClient's default retry of a 503.
 */
class HostComponentsStayTheHostsTest {
    private static final String PATH = "/data/foundation/flowservice/connections";

    @Test
    void host_http_components_keep_their_settings_and_only_aep_calls_skip_http_client_retries() throws Exception {
        BundleTest.clean("target/it/host-components");
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.defaults());
             CamelContext context = new DefaultCamelContext()) {
            HttpComponent http = context.getComponent("http", HttpComponent.class);
            http.setAutomaticRetriesDisabled(false);
            http.setConnectionsPerRoute(7);
            HttpComponent https = context.getComponent("https", HttpComponent.class);
            https.setAutomaticRetriesDisabled(false);
            // a host outside the local profile: the jar's defaults, its own AEP settings, no broker
            context.getPropertiesComponent().setLocation(BundleTest.LOCAL_PROFILE_2);
            RunningBundle.at(emulator).forEach(context.getPropertiesComponent()::addOverrideProperty);
            context.getPropertiesComponent().addOverrideProperty("onboarding.data-dir", "target/it/host-components/data");
            context.getPropertiesComponent().addOverrideProperty("onboarding.file-trigger-enabled", "false");
            context.getPropertiesComponent().addOverrideProperty("onboarding.jms-trigger-enabled", "false");
            new OnboardingConfiguration().configure(context);
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    PluginHelper.getPackageScanResourceResolver(context).findResources(BundleRoutes.CLASSPATH));
            context.start();

            assertThat(http.isAutomaticRetriesDisabled()).as("host's http: HttpClient retries").isFalse();
            assertThat(http.getConnectionsPerRoute()).as("host's http: connections per route").isEqualTo(7);
            assertThat(https.isAutomaticRetriesDisabled()).as("host's https: HttpClient retries").isFalse();
            assertThat(BundleTest.emulator(context)).as("no emulator outside the local profile").isNull();

            emulator.configure(emulator.options().toBuilder().serverErrorRate(1.0).build());
            ProducerTemplate producer = context.createProducerTemplate();
            HttpEndpoint aep = context.getEndpoints().stream().filter(HttpEndpoint.class::isInstance).map(HttpEndpoint.class::cast)
                    .filter(e -> e.getHttpClientConfigurer() instanceof AepHttpClient).findFirst().orElseThrow();
            emulator.clearRequestLog();
            Exchange aepCall = producer.send(aep, ex -> ex.getMessage().setHeader(Exchange.HTTP_PATH, PATH));
            assertThat(aepCall.getException()).isInstanceOf(HttpOperationFailedException.class);
            assertThat(emulator.requestLog()).as("one attempt of the AEP endpoint, one request").hasSize(1);

            emulator.clearRequestLog();
            Exchange hostCall = producer.send(emulator.baseUrl() + PATH, ex -> { });
            assertThat(hostCall.getException()).isInstanceOf(HttpOperationFailedException.class);
            assertThat(emulator.requestLog()).as("the host's endpoint: HttpClient retried the 503 itself").hasSize(2);
        }
    }
}
