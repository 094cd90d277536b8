package io.github.aeponboarding.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * What the bundle needs before it starts. Only the local profile ({@code onboarding.local-fallbacks=true},
 * set by application-local.properties) may stand in for a missing AEP with the in-process emulator and for
 * a missing broker with the embedded one; anywhere else (another profile, a host's CamelContext) an unset
 * URL or credential would silently onboard into an emulator, so the start fails and names what to set.
 */
final class RequiredSettings {
    static final String LOCAL_FALLBACKS = "onboarding.local-fallbacks";
    static final List<String> AEP = List.of("aep.base-url", "aep.ims-url", "aep.client-id", "aep.client-secret", "aep.org-id");
    static final String BROKER_URL = "onboarding.broker-url";

    private RequiredSettings() {
    }

    static boolean localFallbacks(PropertiesComponent pc) {
        return Boolean.parseBoolean(value(pc, LOCAL_FALLBACKS));
    }

    /** Fails the start, naming every missing key and its environment variable, unless the local profile may fill them in. */
    static void check(CamelContext context, boolean jmsTrigger) {
        PropertiesComponent pc = context.getPropertiesComponent();
        if (localFallbacks(pc)) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String key : AEP) {
            if (value(pc, key).isEmpty()) {
                missing.add(key);
            }
        }
        if (jmsTrigger && value(pc, BROKER_URL).isEmpty()) {
            missing.add(BROKER_URL);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Cannot start the AEP onboarding bundle (profile " + profile(context) + "), missing: "
                    + String.join(", ", missing.stream().map(k -> k + " (env " + env(k) + ")").toList())
                    + ". Only the local profile (" + LOCAL_FALLBACKS + "=true) starts the in-process AEP emulator"
                    + " and the embedded broker in their place"
                    + (jmsTrigger ? "; without a broker, switch the JMS trigger off (onboarding.jms-trigger-enabled=false)." : "."));
        }
    }

    /** Camel's mapping of a key to an environment variable ({@code aep.client-id} is {@code AEP_CLIENT_ID}). */
    static String env(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String profile(CamelContext context) {
        String profile = context.getCamelContextExtension().getProfile();
        if (profile == null || profile.isBlank()) {
            profile = value(context.getPropertiesComponent(), "camel.main.profile");
        }
        return profile.isBlank() ? "none" : profile;
    }

    private static String value(PropertiesComponent pc, String key) {
        return pc.resolveProperty(key).orElse("").trim();
    }
}
