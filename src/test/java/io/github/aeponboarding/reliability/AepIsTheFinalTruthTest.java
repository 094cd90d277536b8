package io.github.aeponboarding.reliability;

import static io.github.aeponboarding.reliability.ResubmissionTest.platformCalls;
import static io.github.aeponboarding.reliability.ResubmissionTest.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.RequestLogEntry;
import io.github.aeponboarding.store.LedgerStore;
import io.github.aeponboarding.store.Store;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.AepInventory;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.OnboardedFlow;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * When the store has no record of a request (lost, restored from an old backup, another
 * installation), AEP is the final truth: what it holds for the request is found by name, checked and
 * adopted, never created again. The embedded store here; {@link AepIsTheFinalTruthOnPostgresTest} on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AepIsTheFinalTruthTest {
    private RunningBundle bundle;
    private AepEmulator emulator;
    private AepClient aep;

    /** Where the bundle keeps its store (nothing: the embedded default). */
    Map<String, String> store() {
        return Map.of();
    }

    @BeforeAll
    void start() throws Exception {
        String root = "target/it/" + getClass().getSimpleName();
        BundleTest.clean(root);
        Map<String, String> properties = new HashMap<>(store());
        properties.put("aep.retry.initial-delay-ms", "10");
        bundle = RunningBundle.start(root, properties);
        emulator = bundle.emulator();
        aep = BundleTest.aep(bundle.context());
    }

    @AfterAll
    void stop() {
        bundle.close();
    }

    @Test
    void a_lost_store_creates_nothing_again_and_answers_unchanged() throws Exception {
        JsonNode crm = result(bundle.onboard("crm.json", Requests.example("crm", "truth-lost-crm")));
        JsonNode payments = result(bundle.onboard("payments.json", Requests.example("payments", "truth-lost-payments")));
        assertThat(crm.path("status").asText()).isEqualTo("CREATED");
        assertThat(payments.path("status").asText()).isEqualTo("CREATED");

        assertThat(ledger().deleteAll()).as("records forgotten").isGreaterThanOrEqualTo(2);
        int mark = emulator.requestLog().size();
        JsonNode crmAgain = result(bundle.onboard("crm.json", Requests.example("crm", "truth-lost-crm")));
        JsonNode paymentsAgain = result(bundle.onboard("payments.json", Requests.example("payments", "truth-lost-payments")));

        List<RequestLogEntry> calls = platformCalls(emulator.requestLog(), mark);
        assertThat(calls).as("no write changed AEP").noneMatch(RequestLogEntry::committed);
        assertThat(crmAgain.path("status").asText()).isEqualTo("UNCHANGED");
        assertThat(paymentsAgain.path("status").asText()).isEqualTo("UNCHANGED");
        assertThat(crmAgain.path("ids")).isEqualTo(crm.path("ids"));
        assertThat(paymentsAgain.path("ids")).isEqualTo(payments.path("ids"));
        assertThat(AepInventory.of(aep, "truth-lost-crm", "crm")).allSatisfy((kind, n) -> assertThat(n).as(kind).isEqualTo(1));
        assertThat(AepInventory.of(aep, "truth-lost-payments", "payments")).allSatisfy((kind, n) -> assertThat(n).as(kind).isEqualTo(1));
        System.out.printf("store lost: %d AEP calls to find and adopt 2 onboardings (%d refused title POSTs, %d lookups)%n",
                calls.size(), calls.stream().filter(c -> c.method().equals("POST")).count(),
                calls.stream().filter(c -> c.method().equals("GET")).count());

        int again = emulator.requestLog().size();
        assertThat(result(bundle.onboard("crm.json", Requests.example("crm", "truth-lost-crm"))).path("status").asText())
                .as("the record is back: one verifying GET").isEqualTo("UNCHANGED");
        assertThat(platformCalls(emulator.requestLog(), again)).hasSize(1);
    }

    @Test
    void a_lost_store_of_todays_recipe_creates_nothing_again_though_no_ad_hoc_schema_witnesses_it() throws Exception {
        byte[] stripe = todaysRecipe("payments-stripe.yaml", "truth-lost-stripe");
        byte[] sugar = todaysRecipe("crm-sugarcrm.yaml", "truth-lost-sugarcrm");
        JsonNode first = result(bundle.onboard("stripe.json", stripe));
        JsonNode second = result(bundle.onboard("sugar.json", sugar));
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("CREATED");
        assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("CREATED");

        assertThat(ledger().deleteAll()).as("records forgotten").isGreaterThanOrEqualTo(2);
        int mark = emulator.requestLog().size();
        JsonNode firstAgain = result(bundle.onboard("stripe.json", stripe));
        JsonNode secondAgain = result(bundle.onboard("sugar.json", sugar));

        assertThat(platformCalls(emulator.requestLog(), mark)).as("no write changed AEP").noneMatch(RequestLogEntry::committed);
        assertThat(firstAgain.path("status").asText()).isEqualTo("UNCHANGED");
        assertThat(secondAgain.path("status").asText()).isEqualTo("UNCHANGED");
        assertThat(firstAgain.path("ids")).isEqualTo(first.path("ids"));
        assertThat(secondAgain.path("ids")).isEqualTo(second.path("ids"));
    }

    /** An example of today's recipe (examples/) under another id. */
    private static byte[] todaysRecipe(String example, String id) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode request = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(java.nio.file.Path.of("examples", example).toFile());
        request.put("id", id);
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(request);
    }

    @Test
    void a_deleted_flow_is_made_again_on_the_surviving_connections_dataset_and_mapping_set() throws Exception {
        JsonNode first = result(bundle.onboard("first.json", Requests.example("payments", "truth-flow-deleted")));
        assertThat(first.path("status").asText()).isEqualTo("CREATED");
        assertThat(aep.delete("/data/foundation/flowservice/flows/" + first.path("flowId").asText())).isBetween(200, 204);

        int mark = emulator.requestLog().size();
        JsonNode again = result(bundle.onboard("again.json", Requests.example("payments", "truth-flow-deleted")));

        assertThat(again.path("status").asText()).isEqualTo("CREATED");
        assertThat(again.path("flowId").asText()).isNotEqualTo(first.path("flowId").asText());
        assertThat(platformCalls(emulator.requestLog(), mark))
                .as("the GET that finds it gone, the sandbox's flowSpec and base connection again, 8 lookups, the new flow")
                .hasSize(12);
        assertThat(platformCalls(emulator.requestLog(), mark)).filteredOn(RequestLogEntry::committed)
                .extracting(c -> c.method() + " " + c.path()).containsExactly("POST /data/foundation/flowservice/flows");
        first.path("ids").fields().forEachRemaining(id -> {
            if (!id.getKey().equals("flow")) {
                assertThat(again.path("ids").path(id.getKey()).asText()).as(id.getKey()).isEqualTo(id.getValue().asText());
            }
        });
        OnboardedFlow.assertLinked(aep, again);
    }

    @Test
    void a_resource_with_the_name_but_another_definition_is_neither_adopted_nor_duplicated() throws Exception {
        assertThat(result(bundle.onboard("first.json", Requests.example("crm", "truth-name-taken"))).path("status").asText())
                .isEqualTo("CREATED");
        ledger().deleteAll();

        int mark = emulator.requestLog().size();
        JsonNode other = result(bundle.onboard("other.json", Requests.example("crm", "truth-name-taken",
                r -> r.with("source").put("table", "Lead"))));

        assertThat(other.path("status").asText()).isEqualTo("FAILED");
        assertThat(other.path("code").asText()).isEqualTo("NAME_TAKEN");
        assertThat(other.path("message").asText()).contains("truth-name-taken source connection").contains("/params");
        assertThat(platformCalls(emulator.requestLog(), mark)).as("nothing written").noneMatch(RequestLogEntry::committed);
        assertThat(AepInventory.of(aep, "truth-name-taken", "crm")).allSatisfy((kind, n) -> assertThat(n).as(kind).isEqualTo(1));
    }

    private LedgerStore ledger() {
        return new LedgerStore(bundle.context().getRegistry().lookupByNameAndType("aepStore", Store.class).dataSource());
    }
}
