package io.github.aeponboarding.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aeponboarding.testsupport.BundleTest;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * A host with a broker of its own (Spring Boot's jmsConnectionFactory) names its factory with
 * {@code onboarding.jms-connection-factory}: the routes then use that very bean, and no broker URL is
 * needed, outside the local profile too. Nothing connects here: the context is configured, not started.
 */
class HostsConnectionFactoryTest {
    private static final String ROOT = "target/it/host-connection-factory";

    @Test
    void the_routes_use_the_factory_the_host_names_and_no_broker_url_is_required() throws Exception {
        BundleTest.clean(ROOT);
        ConnectionFactory hosts = new ActiveMQConnectionFactory("vm://77");
        try (DefaultCamelContext context = hostContext()) {
            context.getRegistry().bind("hostJms", hosts);
            context.getPropertiesComponent().addOverrideProperty("onboarding.jms-connection-factory", "hostJms");
            new OnboardingConfiguration().configure(context);
            assertThat(context.getRegistry().lookupByName("aepJmsConnectionFactory")).isSameAs(hosts);
        }
    }

    @Test
    void a_named_factory_the_host_does_not_hold_fails_the_start_naming_it() throws Exception {
        BundleTest.clean(ROOT);
        try (DefaultCamelContext context = hostContext()) {
            context.getPropertiesComponent().addOverrideProperty("onboarding.jms-connection-factory", "noSuchBean");
            assertThatThrownBy(() -> new OnboardingConfiguration().configure(context))
                    .hasMessageContaining("onboarding.jms-connection-factory = noSuchBean");
        }
    }

    /** A host's context: the bundle's defaults (not the local profile), every AEP setting, no broker URL. */
    private static DefaultCamelContext hostContext() {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation(BundleTest.LOCAL_PROFILE_2);
        for (String key : RequiredSettings.AEP) {
            context.getPropertiesComponent().addOverrideProperty(key, key.endsWith("url") ? "http://127.0.0.1:9" : "set-by-the-host");
        }
        context.getPropertiesComponent().addOverrideProperty("onboarding.data-dir", ROOT + "/data");
        return context;
    }
}
