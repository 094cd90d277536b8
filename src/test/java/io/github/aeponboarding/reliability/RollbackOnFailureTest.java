package io.github.aeponboarding.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.AepInventory;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import io.github.aeponboarding.testsupport.StoreRows;
import java.util.List;
import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

/**
 * With {@code onboarding.rollback-on-failure=true}, a request that fails for good at its last step
 * leaves nothing behind that AEP can delete: DELETEs in reverse dependency order, the mapping set
 * (no DELETE in AEP) reported as orphaned, the ledger record gone, and a re-submission starts afresh.
 */
class RollbackOnFailureTest {
    private static final String ROOT = "target/it/rollback";
    private static volatile boolean refuseFlow = true;

    @Test
    void a_permanent_failure_deletes_what_the_request_created_in_reverse_order() throws Exception {
        BundleTest.clean(ROOT);
        try (RunningBundle bundle = RunningBundle.start(ROOT, Map.of("onboarding.rollback-on-failure", "true"),
                Map.of("refuseFlow", RunningBundle.before("call-flow", ex -> {
                    if (refuseFlow) {   // what AEP answers to a flow it will not create: 400, never retried
                        throw new HttpOperationFailedException("http://aep/flows", 400, "Bad Request", null, Map.of(),
                                "{\"type\":\"http://ns.adobe.com/aep/errors/FLOW-1400-400\",\"title\":\"BadRequestError\",\"detail\":\"refused by the test\"}");
                    }
                })))) {
            AepEmulator emulator = bundle.emulator();
            AepClient aep = BundleTest.aep(bundle.context());
            byte[] request = Requests.example("crm", "crm-rollback");
            int mark = emulator.requestLog().size();

            JsonNode failed = ResubmissionTest.result(bundle.onboard("rollback.json", request));

            assertThat(failed.path("status").asText()).isEqualTo("FAILED");
            assertThat(failed.path("step").asText()).isEqualTo("flow");
            assertThat(failed.path("httpStatus").asInt()).isEqualTo(400);
            JsonNode rollback = failed.path("rollback");
            assertThat(rollback.path("deleted")).extracting(JsonNode::asText)
                    .containsExactly("targetConnection", "sourceConnection", "dataset", "targetSchema", "adhocSchema", "adhocClass");
            assertThat(rollback.path("notDeleted").size()).isZero();
            assertThat(rollback.path("orphaned").path("mappingSet").asText()).isEqualTo(failed.path("ids").path("mappingSet").asText());
            assertThat(StoreRows.count(StoreRows.of(bundle.context()), "aep_onboarding where request_id = ?", "crm-rollback"))
                    .as("ledger record").isZero();
            List<String> deletes = ResubmissionTest.platformCalls(emulator.requestLog(), mark).stream()
                    .filter(e -> e.method().equals("DELETE")).map(e -> e.status() + " " + e.path().replaceAll("/[^/]+$", "")).toList();
            assertThat(deletes).containsExactly(
                    "204 /data/foundation/flowservice/targetConnections", "204 /data/foundation/flowservice/sourceConnections",
                    "200 /data/foundation/catalog/dataSets", "204 /data/foundation/schemaregistry/tenant/schemas",
                    "204 /data/foundation/schemaregistry/tenant/schemas", "204 /data/foundation/schemaregistry/tenant/classes");
            assertThat(AepInventory.of(aep, "crm-rollback", "crm")).containsEntry("mappingSet", 1)
                    .containsEntry("adhocClass", 0).containsEntry("adhocSchema", 0).containsEntry("targetSchema", 0)
                    .containsEntry("sourceConnection", 0).containsEntry("dataset", 0).containsEntry("targetConnection", 0)
                    .containsEntry("flow", 0);
            assertThat(aep.status("/data/foundation/flowservice/connections/" + failed.path("ids").path("datasetBaseConnection").asText(),
                    "application/json")).as("the shared base connection stays").isEqualTo(200);

            refuseFlow = false;
            mark = emulator.requestLog().size();
            JsonNode again = ResubmissionTest.result(bundle.onboard("again.json", request));

            assertThat(again.path("status").asText()).isEqualTo("CREATED");
            assertThat(RunningBundle.posts(ResubmissionTest.platformCalls(emulator.requestLog(), mark))).hasSize(8);
            assertThat(AepInventory.of(aep, "crm-rollback", "crm")).containsEntry("mappingSet", 2)   // the orphan and the new one
                    .allSatisfy((kind, n) -> assertThat(n).as(kind).isEqualTo(kind.equals("mappingSet") ? 2 : 1));
        }
    }
}
