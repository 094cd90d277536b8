package io.github.aeponboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.OnboardedFlow;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dataset base connection is cached per sandbox; when someone deletes it in AEP, the next
 * target connection is refused, and the bundle looks it up again (creating a new one) and retries once.
 */
class DeletedBaseConnectionTest {
    private static final String ROOT = "target/it/deleted-base-connection";

    @Test
    void a_deleted_cached_base_connection_is_looked_up_again() throws Exception {
        BundleTest.clean(ROOT);
        try (RunningBundle bundle = RunningBundle.start(ROOT, Map.of())) {
            JsonNode crm = result(bundle, "crm", "refetch-crm");
            assertThat(crm.path("status").asText()).isEqualTo("CREATED");
            String stale = crm.path("ids").path("datasetBaseConnection").asText();

            AepClient aep = AepClient.forEmulator(bundle.emulator().baseUrl());
            // AEP refuses to delete a base connection a flow still uses: the flow goes first
            assertThat(aep.delete("/data/foundation/flowservice/flows/" + crm.path("flowId").asText())).isBetween(200, 299);
            assertThat(aep.delete("/data/foundation/flowservice/connections/" + stale)).isBetween(200, 299);

            JsonNode payments = result(bundle, "payments", "refetch-payments");
            assertThat(payments.path("status").asText()).as(payments.toString()).isEqualTo("CREATED");
            assertThat(payments.path("ids").path("datasetBaseConnection").asText()).isNotBlank().isNotEqualTo(stale);
            OnboardedFlow.assertLinked(aep, payments);
        }
    }

    private static JsonNode result(RunningBundle bundle, String kind, String id) throws Exception {
        return new ObjectMapper().readTree(bundle.onboard(id + ".json", Requests.example(kind, id)).getMessage().getBody(String.class));
    }
}
