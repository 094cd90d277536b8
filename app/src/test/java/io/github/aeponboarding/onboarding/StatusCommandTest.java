package io.github.aeponboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.cli.AepOnboardingCommand;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Requests;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * {@code onboard} waits for each new flow's first run and prints it; {@code status} then lists every
 * onboarded request with its flow's state in AEP (enabled; disabled after the test's client disabled
 * it; deleted after the test's client deleted it) and its latest run, as a table and as JSON.
 * A standalone emulator with runs of 300 ms; the command watches up to 30 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusCommandTest {
    private static final String ROOT = "target/it/status";
    private static final Map<String, String> PROPERTIES = Map.of(
            "aep.client-id", EmulatorOptions.DEFAULT_CLIENT_ID,
            "aep.client-secret", EmulatorOptions.DEFAULT_CLIENT_SECRET,
            "aep.org-id", EmulatorOptions.DEFAULT_ORG_ID,
            "onboarding.data-dir", ROOT + "/data");
    private static final List<String> IDS = List.of("status-enabled", "status-disabled", "status-deleted");
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, JsonNode> onboarded = new HashMap<>();
    private AepEmulator emulator;

    @BeforeAll
    void onboardThreeFlowsThenDisableOneAndDeleteOne() throws Exception {
        BundleTest.clean(ROOT);
        emulator = AepEmulator.start(EmulatorOptions.builder().runDurationMillis(300).build());
        System.setProperty("aep.base-url", emulator.baseUrl());
        System.setProperty("aep.ims-url", emulator.baseUrl());
        PROPERTIES.forEach(System::setProperty);
        Path requests = Files.createDirectories(Path.of(ROOT, "requests"));
        String[] args = new String[IDS.size() + 3];
        args[0] = "onboard";
        args[1] = "--run-watch-seconds";
        args[2] = "30";
        for (int i = 0; i < IDS.size(); i++) {
            args[i + 3] = Files.write(requests.resolve(IDS.get(i) + ".json"), Requests.example(Requests.kind(i), IDS.get(i))).toString();
        }
        StringWriter out = new StringWriter();
        assertThat(run(out, args)).as(out.toString()).isZero();
        for (String line : out.toString().lines().toList()) {
            JsonNode result = mapper.readTree(line);
            onboarded.put(result.path("id").asText(), result);
        }
        AepClient aep = AepClient.forEmulator(emulator.baseUrl());
        assertThat(aep.post("/data/foundation/flowservice/flows/" + flowId("status-disabled") + "/action?op=DISABLE")).isEqualTo(200);
        assertThat(aep.delete("/data/foundation/flowservice/flows/" + flowId("status-deleted"))).isEqualTo(204);
    }

    @AfterAll
    void stop() {
        System.clearProperty("aep.base-url");
        System.clearProperty("aep.ims-url");
        PROPERTIES.keySet().forEach(System::clearProperty);
        emulator.close();
    }

    @Test
    void onboard_prints_each_new_flows_first_run_once_it_ended() {
        for (String id : IDS) {
            JsonNode run = onboarded.get(id).path("run");
            assertThat(run.path("status").asText()).as(id + ": " + run).isEqualTo("success");
            assertThat(run.path("watched").asBoolean()).isTrue();
            assertThat(run.path("recordsWritten").asLong()).isPositive();
        }
    }

    @Test
    void status_json_gives_each_flows_state_in_aep_and_its_latest_run() throws Exception {
        StringWriter out = new StringWriter();
        assertThat(run(out, "status", "--json")).as(out.toString()).isZero();

        JsonNode rows = mapper.readTree(out.toString()).path("requests");
        Map<String, JsonNode> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.path("id").asText(), row));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(IDS);
        assertThat(byId.get("status-enabled").path("flow").asText()).isEqualTo("enabled");
        assertThat(byId.get("status-disabled").path("flow").asText()).isEqualTo("disabled");
        assertThat(byId.get("status-deleted").path("flow").asText()).isEqualTo("deleted");
        for (String id : List.of("status-enabled", "status-disabled")) {
            JsonNode run = byId.get(id).path("run");
            assertThat(byId.get(id).path("flowId").asText()).isEqualTo(flowId(id));
            assertThat(run.path("id").asText()).as(id).isEqualTo(onboarded.get(id).at("/run/id").asText());
            assertThat(run.path("status").asText()).isEqualTo("success");
            assertThat(run.path("completedAt").asText()).as("when").isNotBlank();
        }
        assertThat(byId.get("status-deleted").path("run").isNull()).isTrue();
    }

    @Test
    void status_prints_a_table_of_the_given_ids_and_exits_1_for_an_id_it_does_not_know() {
        StringWriter out = new StringWriter();
        assertThat(run(out, "status", "status-enabled", "status-deleted")).as(out.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("ID").contains("SANDBOX", "FLOW", "RUN", "READ", "WRITTEN", "FAILED", "STARTED");
        assertThat(lines).hasSize(3);
        assertThat(lines).filteredOn(l -> l.startsWith("status-enabled")).singleElement().asString()
                .contains("prod", "enabled", "success");
        assertThat(lines).filteredOn(l -> l.startsWith("status-deleted")).singleElement().asString().contains("deleted");

        StringWriter unknown = new StringWriter();
        assertThat(run(unknown, "status", "no-such-request")).isEqualTo(1);
        assertThat(unknown.toString()).contains("no-such-request", "NOT_ONBOARDED");
    }

    private String flowId(String id) {
        return onboarded.get(id).path("flowId").asText();
    }

    private static int run(StringWriter out, String... args) {
        return new CommandLine(new AepOnboardingCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true)).execute(args);
    }
}
