package io.github.aeponboarding.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aeponboarding.runtime.OnboardingConfiguration;
import io.github.aeponboarding.testsupport.BundleTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

@CamelMainTest(configurationClasses = OnboardingConfiguration.class,
        propertyPlaceholderLocations = {BundleTest.LOCAL_PROFILE_1, "classpath:aep-config/management.properties", BundleTest.LOCAL_PROFILE_2},
        properties = {"onboarding.data-dir=target/it/metrics/data", "camel.management.port=19876",
            "onboarding.file-trigger-enabled=false", "onboarding.jms-trigger-enabled=false"})
class MetricsCountOnboardingStepsTest {
    private static final String[] STEPS = {"aep-adhoc-class", "aep-adhoc-schema", "aep-table-source-connection", "aep-target-schema",
        "aep-dataset", "aep-dataset-base-connection", "aep-target-connection", "aep-mapping-set", "aep-flow-spec", "aep-flow"};

    @BeanInject
    CamelContext context;

    @Test
    void observe_metrics_counts_each_aep_step_of_an_onboarding_and_its_result() throws Exception {
        BundleTest.clean("target/it/metrics");
        ProducerTemplate producer = context.createProducerTemplate();
        producer.sendBody("direct:aep-onboard-file", Files.readAllBytes(Path.of("examples/crm-salesforce.yaml")));
        producer.sendBody("direct:aep-onboard-file", "kind: erp".getBytes());

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:19876/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String step : STEPS) {
            assertThat(value(metrics, "camel_exchanges_succeeded_total", "routeId=\"" + step + "\"")).as(step).isEqualTo(1.0);
            assertThat(value(metrics, "camel_exchanges_failed_total", "routeId=\"" + step + "\"")).as(step).isZero();
        }
        assertThat(value(metrics, "aep_onboardings_total", "status=\"CREATED\"")).isEqualTo(1.0);
        assertThat(value(metrics, "aep_onboardings_total", "status=\"FAILED\"")).isEqualTo(1.0);
    }

    /** The value of the first sample of {@code metric} whose labels contain {@code label}. */
    private static double value(String metrics, String metric, String label) {
        Matcher m = Pattern.compile("(?m)^" + metric + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no " + metric + " with " + label + " in:\n" + metrics.lines().filter(l -> l.startsWith(metric)).toList());
    }
}
