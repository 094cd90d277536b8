package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code emulator} command: its options map onto {@link EmulatorOptions} and the banner shows ids and credentials. */
class EmulatorCommandTest {

    @Test
    void options_are_parsed_with_the_documented_defaults() {
        EmulatorCommand command = new EmulatorCommand();
        new CommandLine(command).parseArgs("--port", "0", "--client-id", "c", "--fault-5xx", "0.1", "--fault-429", "0.2",
                "--fault-lost", "0.05", "--fault-reset", "0.05", "--rate-limit", "20", "--seed", "42", "--token-ttl", "60",
                "--latency", "15", "--retry-after", "3");
        EmulatorOptions options = command.options();
        assertThat(options.port()).isZero();
        assertThat(options.clientId()).isEqualTo("c");
        assertThat(options.clientSecret()).isEqualTo(EmulatorOptions.DEFAULT_CLIENT_SECRET);
        assertThat(options.orgId()).isEqualTo(EmulatorOptions.DEFAULT_ORG_ID);
        assertThat(options.serverErrorRate()).isEqualTo(0.1);
        assertThat(options.tooManyRequestsRate()).isEqualTo(0.2);
        assertThat(options.lostResponseRate()).isEqualTo(0.05);
        assertThat(options.connectionResetRate()).isEqualTo(0.05);
        assertThat(options.rateLimitPerSecond()).isEqualTo(20);
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.tokenTtlSeconds()).isEqualTo(60);
        assertThat(options.latencyMillis()).isEqualTo(15);
        assertThat(options.retryAfterSeconds()).isEqualTo(3);
        EmulatorCommand defaults = new EmulatorCommand();
        new CommandLine(defaults).parseArgs();
        assertThat(defaults.options().port()).isEqualTo(8180);
        assertThat(defaults.options().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void banner_prints_credentials_and_seeded_ids() {
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.defaults())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            EmulatorCommand.printBanner(emulator, new PrintStream(out, true, StandardCharsets.UTF_8));
            String banner = out.toString(StandardCharsets.UTF_8);
            assertThat(banner).contains(emulator.baseUrl(), "aep-emulator-client", "aep-emulator-secret", EmulatorOptions.DEFAULT_ORG_ID,
                    Tutorials.SALESFORCE_CONNECTION, Tutorials.PAYPAL_CONNECTION, Tutorials.CRM_TO_AEP, Tutorials.DATA_LAKE_SPEC);
        }
    }
}
