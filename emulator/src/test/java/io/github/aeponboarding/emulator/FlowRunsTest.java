package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Flow runs as the monitoring tutorial shows them: in progress, then success, failed or partial success
 * with record counts and AEP's error codes; RE_TRIGGER; no new run for a disabled flow. Run durations
 * are the test's own, and waits are bounded generously (10 s for runs of 300 ms).
 */
class FlowRunsTest {
    private static final long RUN_MS = 300;

    @Test
    void a_new_flow_runs_in_progress_then_ends_with_the_source_tables_record_counts() {
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.builder().runDurationMillis(RUN_MS).build())) {
            AepClient client = new AepClient(emulator, "runs");
            Tutorials crm = Tutorials.crm(client).all();

            JsonNode running = latestRun(client, crm.flowId);
            assertThat(running.at("/metrics/statusSummary/status").asText()).isEqualTo("inProgress");
            assertThat(running.at("/metrics/durationSummary/completedAtUTC").isMissingNode()).isTrue();
            JsonNode details = flow(client, crm.flowId).get("lastRunDetails");
            assertThat(details.get("state").asText()).isEqualTo("inProgress");
            assertThat(details.get("id").asText()).isEqualTo(running.get("id").asText());

            JsonNode ended = awaitRun(client, crm.flowId, run -> !isRunning(run));
            assertThat(ended.at("/metrics/statusSummary/status").asText()).isEqualTo("success");
            assertThat(ended.at("/metrics/recordSummary/inputRecordCount").asInt()).as("rows of the seeded Contact table").isEqualTo(5);
            assertThat(ended.at("/metrics/recordSummary/outputRecordCount").asInt()).isEqualTo(5);
            assertThat(ended.at("/metrics/statusSummary/errors")).isEmpty();
            long started = ended.at("/metrics/durationSummary/startedAtUTC").asLong();
            assertThat(ended.at("/metrics/durationSummary/completedAtUTC").asLong()).isGreaterThanOrEqualTo(started + RUN_MS);
            JsonNode last = flow(client, crm.flowId).get("lastRunDetails");
            assertThat(last.get("state").asText()).isEqualTo("success");
            assertThat(last.get("completedAtUTC").asLong()).isEqualTo(ended.at("/metrics/durationSummary/completedAtUTC").asLong());
        }
    }

    @Test
    void per_table_outcomes_end_runs_failed_or_partially_successful_with_aep_error_codes() {
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.builder().runDurationMillis(0).build())) {
            AepClient client = new AepClient(emulator, "outcomes");
            // as a standalone emulator is configured: through the admin API
            Reply config = client.post("/_emulator/config", "{\"runOutcomes\": {\"Contact\": \"partialSuccess\","
                    + " \"PayPal.Catalog_Products\": \"failed\"}}");
            assertThat(config.status()).as(config.toString()).isEqualTo(200);
            assertThat(config.json().at("/runOutcomes/Contact").asText()).isEqualTo("partialSuccess");
            assertThat(client.post("/_emulator/config", "{\"runOutcomes\": {\"Contact\": \"maybe\"}}").status()).isEqualTo(400);

            JsonNode partial = latestRun(client, Tutorials.crm(client).all().flowId);
            assertThat(partial.at("/metrics/statusSummary/status").asText()).isEqualTo("partialSuccess");
            assertThat(partial.at("/metrics/recordSummary/inputRecordCount").asInt()).isEqualTo(5);
            assertThat(partial.at("/metrics/recordSummary/outputRecordCount").asInt()).isEqualTo(4);
            assertThat(partial.at("/metrics/recordSummary/failedRecordCount").asInt()).isEqualTo(1);
            JsonNode rowErrors = partial.at("/activities/1/statusSummary/extensions/errors");
            assertThat(rowErrors.findValuesAsText("code")).containsExactly("INGEST-1212-400", "MAPPER-3700-400");
            assertThat(rowErrors.get(1).get("recordCount").asInt()).isEqualTo(1);

            JsonNode failed = latestRun(client, Tutorials.payments(client).all().flowId);
            assertThat(failed.at("/metrics/statusSummary/status").asText()).isEqualTo("failed");
            assertThat(failed.at("/metrics/statusSummary/errors/0/code").asText()).isEqualTo("CONNECTOR-2001-500");
            assertThat(failed.at("/metrics/statusSummary/errors/0/message").asText()).contains("PayPal.Catalog_Products");
            assertThat(failed.at("/metrics/recordSummary/outputRecordCount").asInt()).isZero();
        }
    }

    @Test
    void the_failure_rate_fails_runs_from_the_seeded_sequence() {
        EmulatorOptions failing = EmulatorOptions.builder().runDurationMillis(0).runFailureRate(1.0).build();
        try (AepEmulator emulator = AepEmulator.start(failing)) {
            AepClient client = new AepClient(emulator, "failing");
            JsonNode run = latestRun(client, Tutorials.crm(client).all().flowId);
            assertThat(run.at("/metrics/statusSummary/status").asText()).isEqualTo("failed");
            emulator.configure(failing.toBuilder().runFailureRate(0).build());
            assertThat(latestRun(client, Tutorials.payments(client).all().flowId).at("/metrics/statusSummary/status").asText())
                    .isEqualTo("success");
        }
    }

    @Test
    void re_trigger_starts_a_run_again_and_a_disabled_flow_gets_no_new_run() {
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.builder().runDurationMillis(RUN_MS).build())) {
            AepClient client = new AepClient(emulator, "retrigger");
            Tutorials crm = Tutorials.crm(client).all();
            JsonNode first = awaitRun(client, crm.flowId, run -> !isRunning(run));
            String action = Tutorials.FLOWS + "/runs/" + first.get("id").asText() + "/action?op=RE_TRIGGER";

            Reply again = client.post(action, "");
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.json().get("id").asText()).isEqualTo(first.get("id").asText());
            assertThat(again.json().at("/metrics/statusSummary/status").asText()).isEqualTo("inProgress");
            assertThat(again.json().at("/metrics/durationSummary/startedAtUTC").asLong())
                    .isGreaterThanOrEqualTo(first.at("/metrics/durationSummary/completedAtUTC").asLong());
            TutorialMistakesTest.assertFlowError(client.post(action, ""), 400, "1400-400");   // still in progress
            TutorialMistakesTest.assertFlowError(client.post(action.replace("RE_TRIGGER", "CANCEL"), ""), 400, "1400-400");
            awaitRun(client, crm.flowId, run -> !isRunning(run));

            assertThat(client.post(Tutorials.FLOWS + "/flows/" + crm.flowId + "/action?op=DISABLE", "").status()).isEqualTo(200);
            JsonNode before = flow(client, crm.flowId).get("lastRunDetails");
            Reply refused = client.post(action, "");
            TutorialMistakesTest.assertFlowError(refused, 400, "1400-400");
            assertThat(refused.json().at("/report/detailed-message").asText()).contains("disabled");
            assertThat(client.get(Tutorials.FLOWS + "/runs?property=flowId==" + crm.flowId).json().get("items")).hasSize(1);
            assertThat(flow(client, crm.flowId).get("lastRunDetails")).isEqualTo(before);
            assertThat(latestRun(client, crm.flowId).at("/metrics/statusSummary/status").asText()).isEqualTo("success");
        }
    }

    private static boolean isRunning(JsonNode run) {
        return run.at("/metrics/statusSummary/status").asText().equals("inProgress");
    }

    private static JsonNode flow(AepClient client, String flowId) {
        return client.get(Tutorials.FLOWS + "/flows/" + flowId).json().at("/items/0");
    }

    static JsonNode latestRun(AepClient client, String flowId) {
        JsonNode items = client.get(Tutorials.FLOWS + "/runs?property=flowId==" + flowId).json().get("items");
        assertThat(items).as("runs of flow " + flowId).hasSize(1);
        return items.get(0);
    }

    private static JsonNode awaitRun(AepClient client, String flowId, Predicate<JsonNode> condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode run = latestRun(client, flowId);
        while (!condition.test(run)) {
            assertThat(System.currentTimeMillis()).as("run of " + flowId + " still " + run.at("/metrics/statusSummary")).isLessThan(deadline);
            sleep(50);
            run = latestRun(client, flowId);
        }
        return run;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
