package io.github.aeponboarding.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The out-of-process target the browser test can use instead of the in-process one (and later the real jar). */
class BundleProcessTest {

    @Test
    @Timeout(90)
    void finds_routes_and_context_of_a_process_behind_an_authenticated_jolokia() {
        try (BundleProcess bundle = BundleProcess.demo(Map.of("camel.management.authentication-enabled", "true"),
                "aep-operator:change-me-operator", Duration.ofSeconds(60))) {
            assertThat(bundle.routeIds()).containsExactly(DemoCamelTarget.ROUTE);
            assertThat(bundle.contextName()).isEqualTo(DemoCamelTarget.CONTEXT);
            assertThat(bundle.jolokiaUrl()).endsWith("/observe/jolokia");
        }
    }
}
