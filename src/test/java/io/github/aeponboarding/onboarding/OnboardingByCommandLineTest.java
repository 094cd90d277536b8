package io.github.aeponboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.cli.AepOnboardingCommand;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.OnboardedFlow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one-shot command, pointed at a standalone emulator through aep.base-url (as a user would). */
class OnboardingByCommandLineTest {
    private static final Map<String, String> PROPERTIES = Map.of(
            "aep.client-id", EmulatorOptions.DEFAULT_CLIENT_ID,
            "aep.client-secret", EmulatorOptions.DEFAULT_CLIENT_SECRET,
            "aep.org-id", EmulatorOptions.DEFAULT_ORG_ID,
            "onboarding.data-dir", "target/it/cli/data");
    private final ObjectMapper mapper = new ObjectMapper();
    private AepEmulator emulator;

    @BeforeEach
    void startEmulator() throws Exception {
        BundleTest.clean("target/it/cli");
        emulator = AepEmulator.start(EmulatorOptions.defaults());
        System.setProperty("aep.base-url", emulator.baseUrl());
        System.setProperty("aep.ims-url", emulator.baseUrl());
        PROPERTIES.forEach(System::setProperty);
    }

    @AfterEach
    void stopEmulator() {
        System.clearProperty("aep.base-url");
        System.clearProperty("aep.ims-url");
        PROPERTIES.keySet().forEach(System::clearProperty);
        emulator.close();
    }

    @Test
    void onboard_prints_one_result_per_request_and_exits_0_when_all_succeed() throws Exception {
        StringWriter out = new StringWriter();
        int exit = run(out, "onboard", "examples/crm-salesforce.yaml", "examples/payments-paypal.yaml");

        List<String> lines = out.toString().lines().toList();
        assertThat(exit).as(out.toString()).isZero();
        assertThat(lines).hasSize(2);
        AepClient aep = AepClient.forEmulator(emulator.baseUrl());
        for (String line : lines) {
            JsonNode result = mapper.readTree(line);
            assertThat(result.path("status").asText()).isEqualTo("CREATED");
            OnboardedFlow.assertLinked(aep, result);
        }
    }

    @Test
    void onboard_exits_1_when_a_request_fails_and_2_on_usage_errors() throws Exception {
        Path bad = Files.createDirectories(Path.of("target/it/cli")).resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Path.of("examples/crm-salesforce.yaml")).replace("kind: crm", "kind: erp"));
        StringWriter out = new StringWriter();
        assertThat(run(out, "onboard", "examples/payments-paypal.yaml", bad.toString())).isEqualTo(1);
        List<String> lines = out.toString().lines().toList();
        assertThat(mapper.readTree(lines.get(0)).path("status").asText()).isEqualTo("CREATED");
        JsonNode failed = mapper.readTree(lines.get(1));
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("message").asText()).contains("$.kind");

        assertThat(run(new StringWriter(), "onboard")).isEqualTo(2);
        assertThat(run(new StringWriter(), "onboard", "target/it/cli/no-such-file.yaml")).isEqualTo(2);
    }

    private static int run(StringWriter out, String... args) {
        return new CommandLine(new AepOnboardingCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true)).execute(args);
    }
}
