package io.github.aeponboarding.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.RequestLogEntry;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import io.github.aeponboarding.testsupport.StoreRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.spi.InterceptStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code plan} is a true dry run: no AEP write and no store row, on a fresh sandbox, on a half-onboarded
 * request and on a finished one; and the requests it lists are exactly those the following onboard sends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanWritesNothingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean refuseFlow;
    private RunningBundle bundle;
    private AepEmulator emulator;
    private DataSource store;

    @BeforeAll
    void start() throws Exception {
        BundleTest.clean("target/it/plan");
        bundle = RunningBundle.start("target/it/plan", Map.of(), Map.of("recordWrites", recordWrites()));
        emulator = bundle.emulator();
        store = StoreRows.of(bundle.context());
    }

    @AfterAll
    void stop() {
        bundle.close();
    }

    @Test
    void plan_on_a_fresh_sandbox_writes_nothing_and_lists_exactly_what_onboard_then_sends() throws Exception {
        JsonNode plan = plan("crm", "plan-fresh", r -> { });

        assertThat(plan.path("resources")).extracting(e -> e.path("resource").asText() + " " + e.path("action").asText())
                .contains("adhocClass create", "flow create");
        assertThat(plan.path("resources").toString()).contains("\"<id of targetSchema>\"");
        List<JsonNode> planned = creates(plan);
        JsonNode created = onboard("crm", "plan-fresh", r -> { });
        assertThat(created.path("status").asText()).isEqualTo("CREATED");
        assertThat(resolved(planned, created.path("ids"))).containsExactlyInAnyOrderElementsOf(sentWrites());
    }

    @Test
    void plan_of_todays_recipe_for_a_json_source_lists_exactly_what_onboard_then_sends() throws Exception {
        JsonNode plan = plan("payments-stripe.yaml", "plan-stripe", r -> r.put("recipe", "current"));

        assertThat(plan.path("resources")).extracting(e -> e.path("resource").asText())
                .doesNotContain("adhocClass", "adhocSchema", "datasetBaseConnection").contains("sourceConnection", "flow");
        List<JsonNode> planned = creates(plan);
        JsonNode created = onboard("payments-stripe.yaml", "plan-stripe", r -> r.put("recipe", "current"));
        assertThat(created.path("status").asText()).as(created.toString()).isEqualTo("CREATED");
        assertThat(resolved(planned, created.path("ids"))).containsExactlyInAnyOrderElementsOf(sentWrites());
    }

    @Test
    void plan_of_a_half_onboarded_request_reuses_what_exists_and_plans_only_the_rest() throws Exception {
        refuseFlow = true;
        JsonNode failed = onboard("payments", "plan-half", r -> { });
        refuseFlow = false;
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        String row = StoreRows.value(store, "select state from aep_onboarding where request_id = ?", "plan-half");

        JsonNode plan = plan("payments", "plan-half", r -> { });

        assertThat(plan.path("resources")).extracting(e -> e.path("resource").asText() + " " + e.path("action").asText())
                .containsExactly("adhocClass reuse", "adhocSchema reuse", "sourceConnection reuse", "targetSchema reuse", "dataset reuse",
                        "datasetBaseConnection reuse", "targetConnection reuse", "mappingSet reuse", "flow create");
        assertThat(StoreRows.value(store, "select state from aep_onboarding where request_id = ?", "plan-half")).as("ledger row").isEqualTo(row);
        List<JsonNode> planned = creates(plan);
        JsonNode created = onboard("payments", "plan-half", r -> { });
        assertThat(created.path("status").asText()).isEqualTo("CREATED");
        assertThat(resolved(planned, created.path("ids"))).containsExactlyElementsOf(sentWrites());
    }

    @Test
    void plan_of_a_finished_request_is_unchanged_or_the_patch_of_its_new_schedule() throws Exception {
        onboard("crm", "plan-done", r -> { });

        JsonNode same = plan("crm", "plan-done", r -> { });
        assertThat(same.path("resources")).allSatisfy(e -> assertThat(e.path("action").asText()).isEqualTo("unchanged"));

        Consumer<ObjectNode> every45 = r -> r.with("schedule").put("interval", 45);
        JsonNode update = plan("crm", "plan-done", every45);
        JsonNode flow = update.path("resources").get(update.path("resources").size() - 1);
        assertThat(flow.path("action").asText()).isEqualTo("update");
        assertThat(flow.path("method").asText()).isEqualTo("PATCH");
        assertThat(flow.path("path").asText()).endsWith("/flows/" + update.path("ids").path("flow").asText());
        assertThat(flow.path("body").path(0).path("value").path("interval").asInt()).isEqualTo(45);
        assertThat(onboard("crm", "plan-done", every45).path("status").asText()).isEqualTo("UPDATED");
    }

    /** Plans the request and checks that neither AEP nor the store was written. */
    private JsonNode plan(String kind, String id, Consumer<ObjectNode> change) throws Exception {
        int mark = emulator.requestLog().size();
        long rows = StoreRows.count(store, "aep_onboarding where request_id = ?", id);
        long locks = StoreRows.count(store, "aep_request_lock where request_id = ?", id);
        JsonNode plan = JSON.readTree(bundle.onboard(id + ".json", Requests.example(kind, id, change.andThen(r -> r.put("action", "plan"))))
                .getMessage().getBody(String.class));
        assertThat(plan.path("status").asText()).as(plan.toString()).isEqualTo("PLANNED");
        assertThat(writes(emulator.requestLog().subList(mark, emulator.requestLog().size()))).as("AEP writes").isEmpty();
        assertThat(StoreRows.count(store, "aep_onboarding where request_id = ?", id)).as("ledger rows").isEqualTo(rows);
        assertThat(StoreRows.count(store, "aep_request_lock where request_id = ?", id)).as("lock rows").isEqualTo(locks);
        return plan;
    }

    private JsonNode onboard(String kind, String id, Consumer<ObjectNode> change) throws Exception {
        sent.clear();
        return JSON.readTree(bundle.onboard(id + ".json", Requests.example(kind, id, change)).getMessage().getBody(String.class));
    }

    private static List<JsonNode> creates(JsonNode plan) {
        List<JsonNode> creates = new ArrayList<>();
        plan.path("resources").forEach(e -> {
            if (e.path("action").asText().equals("create")) {
                creates.add(JSON.createObjectNode().put("method", e.path("method").asText()).put("path", e.path("path").asText())
                        .set("body", e.path("body")));
            }
        });
        return creates;
    }

    /** The planned requests with each placeholder replaced by the id onboard created. */
    private static List<JsonNode> resolved(List<JsonNode> planned, JsonNode ids) throws Exception {
        String text = JSON.writeValueAsString(planned);
        for (var it = ids.fields(); it.hasNext(); ) {
            var id = it.next();
            text = text.replace("<id of " + id.getKey() + ">", id.getValue().asText());
        }
        return List.of(JSON.readValue(text, JsonNode[].class));
    }

    private List<JsonNode> sentWrites() {
        synchronized (sent) {
            return sent.stream().filter(w -> w.path("method").asText().equals("POST")).toList();
        }
    }

    /** Records each request onboard's steps send (the call-<step> nodes), and refuses the flow while refuseFlow is set. */
    private InterceptStrategy recordWrites() {
        return (context, definition, target, next) -> definition.getId() == null || !definition.getId().startsWith("call-") ? target : ex -> {
            if (definition.getId().equals("call-flow") && refuseFlow) {
                throw new HttpOperationFailedException("http://aep/flows", 400, "Bad Request", null, Map.of(),
                        "{\"type\":\"http://ns.adobe.com/aep/errors/FLOW-1400-400\",\"title\":\"BadRequestError\",\"detail\":\"refused by the test\"}");
            }
            String query = ex.getVariable("aepQuery", String.class);
            String suffix = ex.getVariable("aepPathSuffix", String.class);
            String body = ex.getMessage().getBody(String.class);
            sent.add(JSON.createObjectNode().put("method", ex.getVariable("aepMethod", "GET", String.class))
                    .put("path", ex.getVariable("aepPath", String.class) + (suffix == null ? "" : suffix) + (query == null ? "" : "?" + query))
                    .set("body", body == null ? JSON.nullNode() : JSON.readTree(body)));
            target.process(ex);
        };
    }

    /** The AEP writes among these requests (as LifecycleByCommandLineTest in module app counts them). */
    private static List<RequestLogEntry> writes(List<RequestLogEntry> log) {
        return log.stream().filter(e -> e.path().startsWith("/data/") && !e.method().equals("GET")).toList();
    }
}
