package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code property=} filters of Flow Service, Schema Registry and Catalog, over real HTTP. */
class PropertyFilterTest extends EmulatorTestBase {

    @Test
    void flow_spec_lookup_by_name_works_quoted_unquoted_and_encoded() {
        for (String query : List.of("name==CRMToAEP", "name==%22CRMToAEP%22", "name%3D%3D%22CRMToAEP%22")) {
            Reply reply = client.get(Tutorials.FLOWS + "/flowSpecs?property=" + query);
            assertThat(ids(reply)).as(query).containsExactly(Tutorials.CRM_TO_AEP);
        }
        assertThat(ids(client.get(Tutorials.FLOWS + "/flowSpecs?property=name==Nope"))).isEmpty();
        assertThat(ids(client.get(Tutorials.FLOWS + "/flowSpecs"))).hasSize(3);
    }

    @Test
    void flow_service_comma_is_or_repeated_parameter_is_and_and_not_equal_excludes() {
        String specs = Tutorials.FLOWS + "/connectionSpecs?property=";
        assertThat(ids(client.get(specs + "id==" + Tutorials.SALESFORCE_SPEC + "," + Tutorials.PAYPAL_SPEC)))
                .containsExactlyInAnyOrder(Tutorials.SALESFORCE_SPEC, Tutorials.PAYPAL_SPEC);
        assertThat(ids(client.get(specs + "attributes.isSource==true&property=id!=" + Tutorials.SALESFORCE_SPEC)))
                .hasSize(8).doesNotContain(Tutorials.SALESFORCE_SPEC, Tutorials.DATA_LAKE_SPEC);
        assertThat(ids(client.get(specs + "attributes.isSource==true&property=name==paypal"))).containsExactly(Tutorials.PAYPAL_SPEC);
    }

    @Test
    void flow_service_array_elements_match_with_brackets() {
        Tutorials crm = Tutorials.crm(client).all();
        Reply bySource = client.get(Tutorials.FLOWS + "/flows?property=sourceConnectionIds[]==" + crm.sourceConnectionId);
        assertThat(ids(bySource)).containsExactly(crm.flowId);
        Reply byColumn = client.get(Tutorials.FLOWS + "/sourceConnections?property=params.columns[].name==email");
        assertThat(ids(byColumn)).containsExactly(crm.sourceConnectionId);
        Reply byTwo = client.get(Tutorials.FLOWS + "/sourceConnections?property=baseConnectionId==" + Tutorials.SALESFORCE_CONNECTION
                + "&property=params.tableName==Contact");
        assertThat(ids(byTwo)).containsExactly(crm.sourceConnectionId);
        Reply byDataSet = client.get(Tutorials.FLOWS + "/targetConnections?property=params.dataSetId==" + crm.dataSetId);
        assertThat(ids(byDataSet)).containsExactly(crm.targetConnectionId);
        Reply byTime = client.get(Tutorials.FLOWS + "/flows?property=createdAt%3E1000&property=name==" + AepClient.enc(
                "Dataflow between a CRM system and Platform"));
        assertThat(ids(byTime)).containsExactly(crm.flowId);
    }

    @Test
    void flow_service_refuses_the_unimplemented_operators() {
        TutorialMistakesTest.assertFlowError(client.get(Tutorials.FLOWS + "/flows?property=name~CRM"), 400, "1440-400");
        TutorialMistakesTest.assertFlowError(client.get(Tutorials.FLOWS + "/flows?property=createdAt%3C=1,2"), 400, "1443-400");
    }

    @Test
    void schema_registry_filters_by_title() {
        Tutorials one = Tutorials.crm(client);
        Tutorials.expect(one.createAdhocClass(one.sourceColumns()), 201);
        Tutorials two = Tutorials.crm(client);
        Tutorials.expect(two.createAdhocClass(two.sourceColumns()), 201);
        Reply reply = client.get(Tutorials.REGISTRY + "/tenant/classes?property=title==" + AepClient.enc("adhoc class " + one.suffix),
                AepClient.XED_ID);
        assertThat(reply.json().get("results")).hasSize(1);
        JsonNode item = reply.json().at("/results/0");
        assertThat(item.get("$id").asText()).isEqualTo(one.adhocClassId);
        assertThat(item.get("meta:altId").asText()).startsWith("_emulator.classes.");
        assertThat(item.get("version").asText()).isEqualTo("1.0");
        Reply full = client.get(Tutorials.REGISTRY + "/tenant/classes?property=title!=" + AepClient.enc("adhoc class " + one.suffix),
                "application/vnd.adobe.xed+json");
        assertThat(full.json().get("results")).hasSize(1);
        assertThat(full.json().at("/results/0/allOf").isArray()).isTrue();
        Reply fieldGroups = client.get(Tutorials.REGISTRY + "/global/fieldgroups?property=meta:intendedToExtend==" + Tutorials.PROFILE,
                AepClient.XED_ID);
        assertThat(fieldGroups.json().get("results").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void catalog_filters_by_name_and_property() {
        Tutorials t = Tutorials.crm(client);
        Tutorials.expect(t.createTargetSchema(t.targetSchemaBody(List.of(Tutorials.PROFILE))), 201);
        Tutorials.expect(t.createDataSet(t.targetSchemaId), 201);
        String crmName = "Target Dataset for CRM data " + t.suffix;
        Tutorials payments = Tutorials.payments(client);
        Tutorials.expect(payments.createTargetSchema(payments.targetSchemaBody(List.of(Tutorials.PROFILE))), 201);
        Tutorials.expect(payments.createDataSet(payments.targetSchemaId), 201);
        assertThat(names(client.get(Tutorials.CATALOG + "/dataSets?name=" + AepClient.enc(crmName)))).containsExactly(crmName);
        assertThat(names(client.get(Tutorials.CATALOG + "/dataSets?name=Target*"))).hasSize(2);
        assertThat(names(client.get(Tutorials.CATALOG + "/dataSets?name=!" + AepClient.enc(crmName)))).hasSize(1).doesNotContain(crmName);
        assertThat(names(client.get(Tutorials.CATALOG + "/dataSets?property=name~payments"))).hasSize(1);
        assertThat(names(client.get(Tutorials.CATALOG + "/dataSets?property=name==" + AepClient.enc(crmName)))).containsExactly(crmName);
        assertThat(names(client.get(Tutorials.CATALOG + "/dataSets?property=!dataSourceId"))).isEmpty();
        ErrorFormatsTest.assertPlatform(client.get(Tutorials.CATALOG + "/dataSets?property=schemaRef.id==x"), 400);
    }

    private static List<String> ids(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static List<String> names(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        reply.json().forEach(dataSet -> names.add(dataSet.get("name").asText()));
        return names;
    }
}
