package io.github.aeponboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.cli.AepOnboardingCommand;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.CommandLineAep;
import io.github.aeponboarding.testsupport.OnboardedFlow;
import io.github.aeponboarding.testsupport.RunningBundle;
import io.github.aeponboarding.store.LedgerKey;
import io.github.aeponboarding.store.RequestLocks;
import io.github.aeponboarding.store.Store;
import io.github.aeponboarding.store.StoreSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one-shot command, pointed at a standalone emulator through aep.base-url (as a user would). */
class OnboardingByCommandLineTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private CommandLineAep aepForCommands;
    private AepEmulator emulator;

    @BeforeEach
    void startEmulator() throws Exception {
        BundleTest.clean("target/it/cli");
        aepForCommands = new CommandLineAep("target/it/cli/data");
        emulator = aepForCommands.emulator();
    }

    @AfterEach
    void stopEmulator() {
        aepForCommands.close();
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

    @Test
    void onboard_starts_no_broker_so_it_runs_beside_a_bundle_in_the_same_folder() throws Exception {
        assertThat(run(new StringWriter(), "onboard", "examples/crm-salesforce.yaml")).isZero();

        assertThat(Path.of("target/it/cli/data/broker")).as("an embedded broker's journal").doesNotExist();
        assertThat(Path.of("target/it/cli/data/store")).as("the store it shares with that bundle").isDirectory();
    }

    @Test
    void onboard_of_a_request_another_process_is_onboarding_answers_in_progress_without_waiting() throws Exception {
        String id = "crm-salesforce-contacts";   // examples/crm-salesforce.yaml
        LedgerKey key = new LedgerKey(OnboardingLedger.scope(emulator.baseUrl(), EmulatorOptions.DEFAULT_ORG_ID), "prod", id);
        StringWriter out = new StringWriter();
        // a bundle running in the same folder holds the request's lock (as its onboarding of it would)
        try (Store store = Store.open(new StoreSettings("", "", "", Path.of("target/it/cli/data"), 2, 5000));
             RequestLocks.Held held = new RequestLocks(store.dataSource(), Duration.ofMinutes(5)).acquire(key)) {
            assertThat(run(out, "onboard", "examples/crm-salesforce.yaml")).isEqualTo(1);
        }
        JsonNode busy = mapper.readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(busy.path("status").asText()).isEqualTo("FAILED");
        assertThat(busy.path("code").asText()).isEqualTo("IN_PROGRESS");
        assertThat(busy.path("message").asText()).contains(id).doesNotContain("for more than");
        assertThat(RunningBundle.posts(emulator.requestLog())).as("AEP writes").isEmpty();

        StringWriter again = new StringWriter();
        assertThat(run(again, "onboard", "examples/crm-salesforce.yaml")).as("once the other process is done").isZero();
    }

    private static int run(StringWriter out, String... args) {
        return new CommandLine(new AepOnboardingCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true)).execute(args);
    }
}
