package io.github.aeponboarding.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.cli.AepOnboardingCommand;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.RequestLogEntry;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.AepInventory;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.CommandLineAep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** plan, disable, enable and offboard as sub-commands of the one-shot runner, against a standalone emulator. */
class LifecycleByCommandLineTest {
    private static final String ROOT = "target/it/lifecycle-cli";
    private static final String CRM = "examples/crm-salesforce.yaml";
    private static final String CRM_ID = "crm-salesforce-contacts";
    private final ObjectMapper mapper = new ObjectMapper();
    private CommandLineAep aepForCommands;
    private AepEmulator emulator;
    private AepClient aep;

    @BeforeEach
    void startEmulator() throws Exception {
        BundleTest.clean(ROOT);
        aepForCommands = new CommandLineAep(ROOT + "/data");
        emulator = aepForCommands.emulator();
        aep = AepClient.forEmulator(emulator.baseUrl());
    }

    @AfterEach
    void stopEmulator() {
        aepForCommands.close();
    }

    @Test
    void plan_prints_what_onboard_would_send_and_writes_nothing() throws Exception {
        JsonNode plan = result("plan", CRM);

        assertThat(plan.path("status").asText()).as(plan.toString()).isEqualTo("PLANNED");
        assertThat(plan.path("resources")).extracting(e -> e.path("action").asText()).contains("create");
        assertThat(writes(emulator.requestLog())).isEmpty();
        assertThat(result("onboard", CRM).path("status").asText()).isEqualTo("CREATED");
        assertThat(result("plan", CRM).path("resources")).allSatisfy(e -> assertThat(e.path("action").asText()).isEqualTo("unchanged"));
    }

    @Test
    void disable_and_enable_switch_the_flow_the_request_created() throws Exception {
        String flowId = result("onboard", CRM).path("flowId").asText();

        JsonNode disabled = result("disable", CRM);
        assertThat(disabled.path("status").asText()).as(disabled.toString()).isEqualTo("DISABLED");
        assertThat(disabled.path("flowId").asText()).isEqualTo(flowId);
        assertThat(flowState(flowId)).isEqualTo("disabled");

        assertThat(result("enable", CRM).path("status").asText()).isEqualTo("ENABLED");
        assertThat(flowState(flowId)).isEqualTo("enabled");
    }

    @Test
    void disable_of_a_request_never_onboarded_fails_not_onboarded_without_a_write() throws Exception {
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "disable", CRM)).isEqualTo(1);

        JsonNode failed = mapper.readTree(out.toString());
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("code").asText()).isEqualTo("NOT_ONBOARDED");
        assertThat(failed.path("message").asText()).contains(CRM_ID);
        assertThat(writes(emulator.requestLog())).isEmpty();
    }

    @Test
    void offboard_deletes_what_onboard_created_and_a_second_offboard_writes_nothing() throws Exception {
        JsonNode created = result("onboard", CRM);

        JsonNode offboarded = result("offboard", CRM);
        assertThat(offboarded.path("status").asText()).as(offboarded.toString()).isEqualTo("OFFBOARDED");
        assertThat(offboarded.path("deleted")).extracting(JsonNode::asText).containsExactly(
                "flow", "targetConnection", "sourceConnection", "dataset", "targetSchema", "adhocSchema", "adhocClass");
        assertThat(offboarded.path("orphaned").path("mappingSet").asText()).isEqualTo(created.path("ids").path("mappingSet").asText());
        assertThat(offboarded.path("kept").path("datasetBaseConnection").asText()).contains("shared");
        assertThat(AepInventory.of(aep, CRM_ID, "crm")).allSatisfy((kind, n) ->
                assertThat(n).as(kind).isEqualTo(kind.equals("mappingSet") ? 1 : 0));
        assertThat(aep.status("/data/foundation/flowservice/connections/" + created.path("ids").path("datasetBaseConnection").asText(),
                "application/json")).as("the shared base connection stays").isEqualTo(200);

        int mark = emulator.requestLog().size();
        JsonNode again = result("offboard", CRM);
        assertThat(again.path("status").asText()).isEqualTo("OFFBOARDED");
        assertThat(again.path("deleted").size()).isZero();
        assertThat(writes(emulator.requestLog().subList(mark, emulator.requestLog().size()))).isEmpty();

        assertThat(result("onboard", CRM).path("status").asText()).as("a later onboard starts fresh").isEqualTo("CREATED");
    }

    @Test
    void many_files_show_progress_and_a_summary_on_stderr_and_one_result_per_line_on_stdout() throws Exception {
        Path bad = Files.createDirectories(Path.of(ROOT)).resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Path.of(CRM)).replace("id: crm-salesforce-contacts", "id: Not/An/Id"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        assertThat(run(out, err, "onboard", CRM, "examples/payments-paypal.yaml", bad.toString())).isEqualTo(1);

        assertThat(out.toString().lines()).hasSize(3).allSatisfy(line -> assertThat(mapper.readTree(line).has("status")).isTrue());
        assertThat(err.toString()).contains("[1/3] " + CRM_ID + " CREATED", "[2/3] payments-paypal-products CREATED", "[3/3] ")
                .contains("summary: 3 request(s)").containsPattern("CREATED +2").containsPattern("FAILED +1")
                .contains("bad.yaml").contains("validation: INVALID_REQUEST").contains("$.id");
    }

    private JsonNode result(String action, String file) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        run(out, err, action, file);
        return mapper.readTree(out.toString());
    }

    private String flowState(String flowId) throws Exception {
        return aep.get("/data/foundation/flowservice/flows/" + flowId).path("items").path(0).path("state").asText();
    }

    static List<RequestLogEntry> writes(List<RequestLogEntry> log) {
        return log.stream().filter(e -> e.path().startsWith("/data/") && !e.method().equals("GET")).toList();
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        return new CommandLine(new AepOnboardingCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
    }
}
