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
        emulator = AepEmulator.start(EmulatorOptions.builder().build());
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void newSandbox(TestInfo test) {
        // sandbox names take lower-case letters, digits and '-': snake_case test names become kebab-case
        String name = test.getTestMethod().orElseThrow().getName().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        sandbox = name.length() > 50 ? name.substring(0, 50) : name;
        client = new AepClient(emulator, sandbox);
    }
}
