package io.github.aeponboarding.local;

import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import java.nio.file.Path;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local profile's stand-ins, outside the library: no {@code aep.base-url} starts the AEP emulator
 * in this JVM (and points the {@code aep.*} settings at it), no {@code onboarding.broker-url} with the
 * JMS trigger on starts an embedded Artemis broker at {@link EmbeddedBroker#URL}. The library's
 * {@code OnboardingConfiguration} calls it only when {@code onboarding.local-fallbacks=true} (the local
 * profile) and something is missing; the application and the library's tests have it on the class path,
 * a host does not.
 */
public final class LocalStandIns implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStandIns.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent pc = context.getPropertiesComponent();
        if (prop(pc, "aep.base-url", "").isBlank()) {
            startEmulator(context, pc);
        }
        boolean jmsTrigger = Boolean.parseBoolean(prop(pc, "onboarding.jms-trigger-enabled", "true"));
        String hostFactory = prop(pc, "onboarding.jms-connection-factory", "");
        if (prop(pc, "onboarding.broker-url", "").isBlank() && jmsTrigger && hostFactory.isEmpty()) {
            Path dataDir = Path.of(prop(pc, "onboarding.data-dir", "data"));
            String port = prop(pc, "onboarding.embedded-broker-tcp-port", "");
            context.addService(new EmbeddedBroker(dataDir.resolve("broker"),
                    Integer.parseInt(prop(pc, "onboarding.broker-max-delivery-attempts", "5")),
                    Integer.parseInt(port.isBlank() ? "0" : port)), true, true);
        }
    }

    /** The in-process emulator: AEP and IMS at one loopback URL, with its default credentials. */
    private static void startEmulator(CamelContext context, PropertiesComponent pc) throws Exception {
        EmulatorOptions options = EmulatorOptions.defaults().toBuilder()
                .port(Integer.parseInt(prop(pc, "onboarding.emulator-port", "0")))
                .latencyMillis(Long.parseLong(prop(pc, "onboarding.emulator-latency-ms", "0")))
                .build();
        AepEmulator emulator = AepEmulator.start(options);
        pc.addOverrideProperty("aep.base-url", emulator.baseUrl());
        pc.addOverrideProperty("aep.ims-url", emulator.baseUrl());
        // the emulator accepts only its own credentials: any configured ones would be refused
        pc.addOverrideProperty("aep.client-id", options.clientId());
        pc.addOverrideProperty("aep.client-secret", options.clientSecret());
        pc.addOverrideProperty("aep.org-id", options.orgId());
        context.getRegistry().bind("aepEmulator", emulator);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                emulator.close();
            }
        }, true, true);
        LOG.info("No aep.base-url: using the in-process AEP emulator at {}", emulator.baseUrl());
    }

    private static String prop(PropertiesComponent pc, String key, String defaultValue) {
        return pc.resolveProperty(key).orElse(defaultValue).trim();
    }
}
