package io.github.aeponboarding.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/** One emulator per test class; each test gets its own sandbox, so tests cannot see each other's resources. */
abstract class EmulatorTestBase {
    static AepEmulator emulator;
    AepClient client;
    String sandbox;

    @BeforeAll
    static void startEmulator() {
        // runs of no duration: these tests read a flow's first run as ended (FlowRunsTest watches them run)
        emulator = AepEmulator.start(EmulatorOptions.builder().runDurationMillis(0).build());
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void newSandbox(TestInfo test) {
        // sandbox names are lower case letters, digits and hyphens
        String name = test.getTestMethod().orElseThrow().getName().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        sandbox = name.length() > 50 ? name.substring(0, 50) : name;
        client = new AepClient(emulator, sandbox);
    }
}
