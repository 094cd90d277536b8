package io.github.aeponboarding.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.RunningBundle;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * Only the local profile stands in for a missing AEP (the in-process emulator) or broker (the embedded
 * one); any other profile, and a host's CamelContext, refuses to start and names the key and the
 * environment variable to set.
 */
class OnlyLocalFillsInMissingSettingsTest {
    private static final String ROOT = "target/it/required-settings";

    @Test
    void local_starts_with_nothing_set_on_the_in_process_emulator() throws Exception {
        BundleTest.clean(ROOT);
        try (RunningBundle bundle = RunningBundle.start(ROOT, Map.of("camel.management.enabled", "false"))) {
            assertThat(bundle.emulator()).isNotNull();
            assertThat(bundle.context().getPropertiesComponent().resolveProperty("aep.base-url")).contains(bundle.emulator().baseUrl());
        }
    }

    @Test
    void prod_without_a_client_secret_fails_naming_the_key_and_its_variable() throws Exception {
        String failure = prodStartFailure(Map.of("aep.client-secret", ""));
        assertThat(failure).contains("profile prod", "aep.client-secret (env AEP_CLIENT_SECRET)").doesNotContain("aep.client-id (");
    }

    @Test
    void prod_with_the_jms_trigger_and_no_broker_url_fails_naming_the_broker_key() throws Exception {
        assertThat(prodStartFailure(Map.of("onboarding.jms-trigger-enabled", "true")))
                .contains("onboarding.broker-url (env ONBOARDING_BROKER_URL)");
    }

    @Test
    void prod_with_every_setting_starts_without_emulator_or_broker() throws Exception {
        BundleTest.clean(ROOT);
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.defaults());
             RunningBundle bundle = RunningBundle.start(ROOT, prod(emulator))) {
            assertThat(bundle.emulator()).isNull();
            assertThat(bundle.context().getPropertiesComponent().resolveProperty("aep.base-url")).contains(emulator.baseUrl());
        }
    }

    @Test
    void a_host_context_without_the_local_profile_names_every_missing_aep_key() throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation(BundleTest.LOCAL_PROFILE_2);
        assertThatThrownBy(() -> new OnboardingConfiguration().configure(context))
                .hasMessageContaining("profile none")
                .hasMessageContaining("aep.base-url (env AEP_BASE_URL), aep.ims-url (env AEP_IMS_URL), aep.client-id (env AEP_CLIENT_ID),"
                        + " aep.client-secret (env AEP_CLIENT_SECRET), aep.org-id (env AEP_ORG_ID), onboarding.broker-url (env ONBOARDING_BROKER_URL)");
        context.close();
    }

    /** The prod profile against an emulator of the test's own; management off (its login file is not here). */
    private static Map<String, String> prod(AepEmulator emulator) {
        Map<String, String> properties = new HashMap<>(RunningBundle.at(emulator));
        properties.put("camel.main.profile", "prod");
        properties.put("camel.management.enabled", "false");
        return properties;
    }

    /** The stack trace of a prod start against an emulator of the test's own, with {@code changes} on top. */
    private static String prodStartFailure(Map<String, String> changes) throws Exception {
        BundleTest.clean(ROOT);
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.defaults())) {
            Map<String, String> properties = prod(emulator);
            properties.putAll(changes);
            Throwable failure = catchThrowable(() -> RunningBundle.start(ROOT, properties).close());
            assertThat(failure).as("the start failed").isNotNull();
            java.io.StringWriter out = new java.io.StringWriter();
            failure.printStackTrace(new java.io.PrintWriter(out));
            return out.toString();
        }
    }
}
