package io.github.aeponboarding.testsupport;

import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import java.util.Map;

/**
 * A standalone emulator that the one-shot commands of this JVM use, through JVM system properties
 * (aep.base-url and the credentials, as a user would set them), with the store under {@code dataDir}.
 */
public final class CommandLineAep implements AutoCloseable {
    private final AepEmulator emulator;
    private final Map<String, String> properties;

    public CommandLineAep(String dataDir) throws Exception {
        emulator = AepEmulator.start(EmulatorOptions.defaults());
        properties = Map.of("aep.base-url", emulator.baseUrl(), "aep.ims-url", emulator.baseUrl(),
                "aep.client-id", EmulatorOptions.DEFAULT_CLIENT_ID,
                "aep.client-secret", EmulatorOptions.DEFAULT_CLIENT_SECRET,
                "aep.org-id", EmulatorOptions.DEFAULT_ORG_ID,
                "onboarding.data-dir", dataDir);
        properties.forEach(System::setProperty);
    }

    public AepEmulator emulator() {
        return emulator;
    }

    @Override
    public void close() {
        properties.keySet().forEach(System::clearProperty);
        emulator.close();
    }
}
