package io.github.aeponboarding.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import io.github.aeponboarding.testsupport.StoreRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

/**
 * The ledger writes a step's intent ahead of its turn (while the call it depends on is under way) and
 * fences every AEP call of a request in the rate limit's statement. Two consequences a user relies on:
 * an intent of a step that never got its turn does not outlive the run (it would cost a lookup by name
 * on every later run, and tell an operator a write may have happened that never did), and a process
 * whose request was taken over by another sends no call more.
 */
class IntentsAheadOfTheCallsTest {
    private static final String ROOT = "target/it/intents-ahead";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile String refuse = "";
    private static volatile Runnable beforeFlow = () -> { };

    @Test
    void a_step_that_never_got_its_turn_is_not_left_pending() throws Exception {
        BundleTest.clean(ROOT);
        refuse = "intents-refused";
        try (RunningBundle bundle = start()) {
            JsonNode failed = ResubmissionTest.result(bundle.onboard("refused.json", Requests.example("crm", "intents-refused")));

            assertThat(failed.path("status").asText()).isEqualTo("FAILED");
            assertThat(failed.path("step").asText()).isEqualTo("target-schema");
            List<String> pending = pending(StoreRows.of(bundle.context()), "intents-refused");
            assertThat(pending).as("intents left in the store").isNotEmpty()
                    .doesNotContain("dataset", "mappingSet", "targetConnection", "flow");
            assertThat(pending).as("only steps that reached their call").isSubsetOf("adhocClass", "adhocSchema", "sourceConnection", "targetSchema");
        } finally {
            refuse = "";
        }
    }

    @Test
    void a_process_whose_request_was_taken_over_sends_no_call_more() throws Exception {
        BundleTest.clean(ROOT);
        try (RunningBundle bundle = start()) {
            DataSource store = StoreRows.of(bundle.context());
            // another process takes the request over while this one is about to create the flow
            beforeFlow = () -> {
                try (var c = store.getConnection(); var s = c.prepareStatement("update aep_onboarding set owner = 'another-process' where request_id = ?")) {
                    s.setString(1, "intents-taken-over");
                    s.executeUpdate();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            int mark = bundle.emulator().requestLog().size();

            JsonNode failed = ResubmissionTest.result(bundle.onboard("taken.json", Requests.example("crm", "intents-taken-over")));

            assertThat(failed.path("status").asText()).isEqualTo("FAILED");
            assertThat(failed.path("step").asText()).isEqualTo("flow");
            assertThat(failed.toString()).contains("no longer held by this process");
            assertThat(ResubmissionTest.platformCalls(bundle.emulator().requestLog(), mark)).as("calls to AEP")
                    .noneMatch(e -> e.path().startsWith("/data/foundation/flowservice/flows"));
            assertThat(StoreRows.value(store, "select owner from aep_onboarding where request_id = ?", "intents-taken-over"))
                    .as("the row stays the other process's").isEqualTo("another-process");
        } finally {
            beforeFlow = () -> { };
        }
    }

    private static RunningBundle start() {
        return RunningBundle.start(ROOT, Map.of(), Map.of(
                "refuseTargetSchema", RunningBundle.before("call-target-schema", ex -> {
                    if (ex.getMessage().getBody(String.class) != null && ex.getMessage().getBody(String.class).contains(refuse) && !refuse.isEmpty()) {
                        throw new HttpOperationFailedException("http://aep/schemas", 400, "Bad Request", null, Map.of(),
                                "{\"type\":\"http://ns.adobe.com/aep/errors/XDM-1521-400\",\"title\":\"Bad request\",\"detail\":\"refused by the test\"}");
                    }
                }),
                "takeOverBeforeFlow", RunningBundle.before("call-flow", ex -> beforeFlow.run())));
    }

    private static List<String> pending(DataSource store, String id) throws Exception {
        JsonNode state = JSON.readTree(StoreRows.value(store, "select state from aep_onboarding where request_id = ?", id));
        List<String> pending = new ArrayList<>();
        state.path("pending").forEach(p -> pending.add(p.asText()));
        return pending;
    }
}
