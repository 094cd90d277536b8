package io.github.aeponboarding.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.testsupport.AepInventory;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Today's recipe (no ad hoc class and schema, no dataset base connection) through every action:
 * onboard, plan, disable, enable, offboard; offboard leaves only the mapping set, and nothing of the
 * tutorial recipe's resources was ever made.
 */
class EveryActionWithTodaysRecipeTest {
    private static final String ROOT = "target/it/todays-recipe-actions";
    private static final String ID = "todays-recipe-actions";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onboard_plan_disable_enable_and_offboard_a_request_of_todays_recipe() throws Exception {
        BundleTest.clean(ROOT);
        try (RunningBundle bundle = RunningBundle.start(ROOT, Map.of())) {
            JsonNode created = act(bundle, "onboard");
            assertThat(created.path("status").asText()).as(created.toString()).isEqualTo("CREATED");
            assertThat(created.path("ids").has("adhocClass") || created.path("ids").has("datasetBaseConnection")).isFalse();
            assertThat(AepInventory.of(BundleTest.aep(bundle.context()), ID, "crm")).containsEntry("adhocClass", 0)
                    .containsEntry("adhocSchema", 0).containsEntry("flow", 1).containsEntry("sourceConnection", 1);

            JsonNode plan = act(bundle, "plan");
            assertThat(plan.path("status").asText()).isEqualTo("PLANNED");
            assertThat(plan.path("resources")).allSatisfy(e -> assertThat(e.path("action").asText()).isEqualTo("unchanged"));
            assertThat(act(bundle, "disable").path("status").asText()).isEqualTo("DISABLED");
            assertThat(act(bundle, "enable").path("status").asText()).isEqualTo("ENABLED");

            JsonNode offboarded = act(bundle, "offboard");
            assertThat(offboarded.path("status").asText()).as(offboarded.toString()).isEqualTo("OFFBOARDED");
            assertThat(AepInventory.of(BundleTest.aep(bundle.context()), ID, "crm")).allSatisfy((kind, n) ->
                    assertThat(n).as(kind).isEqualTo(kind.equals("mappingSet") ? 1 : 0));
        }
    }

    private static JsonNode act(RunningBundle bundle, String action) throws Exception {
        byte[] request = Requests.example("crm", ID, r -> r.put("recipe", "current").put("action", action));
        return JSON.readTree(bundle.onboard(ID + "." + action + ".json", request).getMessage().getBody(String.class));
    }
}
