package io.github.aeponboarding.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.testsupport.AepInventory;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import io.github.aeponboarding.testsupport.StoreRows;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An offboard stopped half way (its third DELETE fails) keeps the ids it could not delete, answers
 * FAILED naming them, and the next offboard finishes: each deleted id was forgotten as it went.
 */
class OffboardResumesTest {
    private static final String ROOT = "target/it/offboard-resume";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger deletes = new AtomicInteger();
    private static volatile boolean breakThirdDelete = true;

    @Test
    void an_offboard_stopped_half_way_is_finished_by_the_next_one() throws Exception {
        BundleTest.clean(ROOT);
        try (RunningBundle bundle = RunningBundle.start(ROOT, Map.of(), Map.of("breakThirdDelete", RunningBundle.before("call-delete", ex -> {
            if (deletes.incrementAndGet() == 3 && breakThirdDelete) {
                throw new IllegalStateException("the process stops here (test)");
            }
        })))) {
            byte[] offboard = Requests.example("crm", "offboard-resume", r -> r.put("action", "offboard"));
            assertThat(result(bundle.onboard("onboard.json", Requests.example("crm", "offboard-resume"))).path("status").asText())
                    .isEqualTo("CREATED");

            JsonNode broken = result(bundle.onboard("offboard.json", offboard));
            assertThat(broken.path("status").asText()).as(broken.toString()).isEqualTo("FAILED");
            assertThat(broken.path("code").asText()).isEqualTo("OFFBOARD_INCOMPLETE");
            assertThat(broken.path("deleted")).extracting(JsonNode::asText).startsWith("flow", "targetConnection");
            assertThat(broken.path("notDeleted").has("sourceConnection")).isTrue();
            assertThat(broken.path("ids").has("sourceConnection")).as("kept for the next run").isTrue();
            assertThat(broken.path("ids").has("flow")).as("forgotten as it went").isFalse();

            breakThirdDelete = false;
            JsonNode finished = result(bundle.onboard("offboard-again.json", offboard));
            assertThat(finished.path("status").asText()).as(finished.toString()).isEqualTo("OFFBOARDED");
            assertThat(finished.path("deleted")).extracting(JsonNode::asText).contains("sourceConnection").doesNotContain("flow");
            assertThat(AepInventory.of(BundleTest.aep(bundle.context()), "offboard-resume", "crm")).allSatisfy((kind, n) ->
                    assertThat(n).as(kind).isEqualTo(kind.equals("mappingSet") ? 1 : 0));
            assertThat(StoreRows.count(StoreRows.of(bundle.context()), "aep_onboarding where request_id = ?", "offboard-resume"))
                    .as("ledger record").isZero();
        }
    }

    private static JsonNode result(org.apache.camel.Exchange done) throws Exception {
        return JSON.readTree(done.getMessage().getBody(String.class));
    }
}
