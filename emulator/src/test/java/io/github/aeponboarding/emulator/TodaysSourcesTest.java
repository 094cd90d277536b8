package io.github.aeponboarding.emulator;

import static io.github.aeponboarding.emulator.Tutorials.FLOWS;
import static io.github.aeponboarding.emulator.TodaysRecipe.REST_STORAGE_TO_AEP;
import static io.github.aeponboarding.emulator.TodaysRecipe.STRIPE_CONNECTION;
import static io.github.aeponboarding.emulator.TodaysRecipe.STRIPE_SPEC;
import static io.github.aeponboarding.emulator.TodaysRecipe.SUGARCRM_CONNECTION;
import static io.github.aeponboarding.emulator.TodaysRecipe.SUGARCRM_SPEC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Today's sources from the client's side, in today's recipe (no ad hoc schema, no dataset base
 * connection): the seeded specs accept what Adobe documents, and refuse each source's typical mistakes.
 */
class TodaysSourcesTest extends EmulatorTestBase {

    @Test
    void a_stripe_flow_in_todays_recipe_is_created_with_a_mapping_only() {
        String source = stripeSource(Map.of("resourcePath", "customers")).json().path("id").asText();
        Reply flow = flow(source, List.of("Mapping"), Map.of("startTime", 1767225600, "frequency", "minute", "interval", 15));

        assertThat(flow.status()).as(flow.toString()).isEqualTo(201);
        assertThat(client.get(FLOWS + "/flowSpecs?property=name==RestStorageToAEP").json().at("/items/0/id").asText())
                .isEqualTo(REST_STORAGE_TO_AEP);
    }

    @Test
    void stripe_refuses_the_params_key_of_a_table_source() {
        Reply reply = stripeSource(Map.of("path", "customers"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("resourcePath");
    }

    @Test
    void stripe_refuses_a_resource_path_it_does_not_have() {
        Reply reply = stripeSource(Map.of("resourcePath", "invoices"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("resourcePath").contains("customers");
    }

    @Test
    void salesforce_refuses_a_resource_path_instead_of_a_table_name() {
        Reply reply = client.post(FLOWS + "/sourceConnections", Map.of("name", "sf", "baseConnectionId", Tutorials.SALESFORCE_CONNECTION,
                "connectionSpec", Map.of("id", Tutorials.SALESFORCE_SPEC, "version", "1.0"), "data", Map.of("format", "tabular"),
                "params", Map.of("resourcePath", "Contact")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("tableName");
    }

    @Test
    void the_mapping_only_flow_spec_refuses_a_copy_transformation() {
        String source = stripeSource(Map.of("resourcePath", "charges")).json().path("id").asText();
        Reply flow = flow(source, List.of("Copy", "Mapping"), Map.of("startTime", 1767225600, "frequency", "hour", "interval", 1));

        assertThat(flow.status()).isEqualTo(400);
        assertThat(flow.text()).contains("Copy").contains("RestStorageToAEP");
    }

    @Test
    void stripe_refuses_an_interval_below_fifteen_minutes() {
        String source = stripeSource(Map.of("resourcePath", "charges")).json().path("id").asText();

        Reply flow = flow(source, List.of("Mapping"), Map.of("startTime", 1767225600, "frequency", "minute", "interval", 5));

        assertThat(flow.status()).isEqualTo(400);
        assertThat(flow.text()).contains("interval");
    }

    @Test
    void sugarcrm_runs_only_hourly_or_daily() {
        String source = new TodaysRecipe(client).source(SUGARCRM_CONNECTION, SUGARCRM_SPEC, "json",
                Map.of("object_type", "contacts", "path", "contacts")).json().path("id").asText();

        Reply minutely = flow(source, List.of("Mapping"), Map.of("startTime", 1767225600, "frequency", "minute", "interval", 15));
        Reply daily = flow(source, List.of("Mapping"), Map.of("startTime", 1767225600, "frequency", "day", "interval", 1));

        assertThat(minutely.status()).isEqualTo(400);
        assertThat(minutely.text()).contains("frequency").contains("hour");
        assertThat(daily.status()).as(daily.toString()).isEqualTo(201);
    }

    private Reply stripeSource(Map<String, Object> params) {
        return new TodaysRecipe(client).source(STRIPE_CONNECTION, STRIPE_SPEC, "json", params);
    }

    private Reply flow(String sourceConnectionId, List<String> transformations, Map<String, Object> schedule) {
        return new TodaysRecipe(client).flow(sourceConnectionId, REST_STORAGE_TO_AEP, transformations, schedule);
    }
}
