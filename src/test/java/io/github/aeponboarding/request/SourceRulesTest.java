package io.github.aeponboarding.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A request against its source's catalogue entry: refused before any write, with the field named. */
class SourceRulesTest {
    private static final RequestReader READER = new RequestReader();

    @Test
    void a_resource_path_on_a_table_source_is_refused_naming_the_field() {
        assertThat(problems("crm-salesforce.yaml", r -> source(r).put("resourcePath", "charges")))
                .contains("$.source.resourcePath: Salesforce takes a table (source.table), not source.resourcePath");
    }

    @Test
    void a_table_on_stripe_is_refused_and_its_resource_path_required() {
        assertThat(problems("payments-stripe.yaml", r -> {
            source(r).remove("resourcePath");
            source(r).put("table", "charges");
        })).contains("$.source.table: Stripe takes a resource path (source.resourcePath), not source.table",
                "$.source.resourcePath: is required: Stripe takes a resource path (source.resourcePath)");
    }

    @Test
    void a_resource_stripe_does_not_have_is_refused() {
        assertThat(problems("payments-stripe.yaml", r -> source(r).put("resourcePath", "invoices")))
                .anyMatch(p -> p.startsWith("$.source.resourcePath: Stripe has no resourcePath \"invoices\""));
    }

    @Test
    void copy_is_refused_where_the_flow_spec_takes_a_mapping_only_and_required_where_it_requires_copy() {
        assertThat(problems("payments-stripe.yaml", r -> r.putObject("copy").put("mode", "append")))
                .anyMatch(p -> p.startsWith("$.copy: Stripe's flowSpec RestStorageToAEP takes no Copy transformation"));
        assertThat(problems("crm-veeva.yaml", r -> r.remove("copy")))
                .anyMatch(p -> p.startsWith("$.copy: is required: Veeva CRM's flowSpec CRMToAEP requires a Copy transformation"));
    }

    @Test
    void sugarcrm_runs_only_hourly_or_daily() {
        assertThat(problems("crm-sugarcrm.yaml", r -> ((ObjectNode) r.get("schedule")).put("frequency", "minute").put("interval", 15)))
                .contains("$.schedule.frequency: SugarCRM Accounts & Contacts runs only hour or day (got minute)");
    }

    @Test
    void a_kind_that_contradicts_the_connection_spec_is_refused() {
        assertThat(problems("payments-stripe.yaml", r -> r.put("kind", "crm")))
                .anyMatch(p -> p.startsWith("$.kind: Stripe (connection spec cc2c31d6-7b8c-4581-b49f-5c8698aa3ab3) is a payments source, not crm"));
    }

    @Test
    void the_current_recipe_refuses_columns_of_a_json_source_and_an_ad_hoc_schema() {
        assertThat(problems("payments-stripe.yaml", r -> {
            source(r).putArray("columns").addObject().put("name", "email").put("type", "string");
            r.put("adhocSchemaId", "https://ns.adobe.com/emulator/schemas/x");
        })).anyMatch(p -> p.startsWith("$.source.columns: Stripe's source connection carries no columns in the current recipe"))
                .anyMatch(p -> p.startsWith("$.adhocSchemaId: the current recipe creates and uses no ad hoc schema"));
    }

    @Test
    void a_deprecated_source_is_accepted_with_a_warning() throws Exception {
        OnboardingRequest paypal = READER.read(json("payments-paypal.yaml", r -> { }), "paypal.json");

        assertThat(new SourceRules(SourceCatalogue.standard()).warnings(paypal)).singleElement().asString()
                .startsWith("PayPal is deprecated: Adobe deprecated the PayPal source at the end of June 2025");
    }

    private static List<String> problems(String example, Consumer<ObjectNode> change) {
        byte[] request = json(example, change);
        try {
            READER.read(request, "request.json");
        } catch (InvalidRequestException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("the request was accepted: " + new String(request, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static byte[] json(String example, Consumer<ObjectNode> change) {
        try {
            ObjectNode request = (ObjectNode) new YAMLMapper().readTree(Path.of("examples", example).toFile());
            change.accept(request);
            return new ObjectMapper().writeValueAsBytes(request);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode source(ObjectNode request) {
        return (ObjectNode) request.get("source");
    }
}
