package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The calls the bundle makes in the forms the integrator fixed (current-spec mapping set, tabular
 * format, version strings), and the idempotency lookups it relies on: all must succeed.
 */
class BundleContractTest extends EmulatorTestBase {

    @Test
    void current_spec_mapping_set_and_tabular_source_make_a_flow() {
        Tutorials crm = Tutorials.crm(client).upToAdhocSchema();
        ObjectNode source = crm.sourceConnectionBody();
        ((ObjectNode) source.get("data")).put("format", "tabular");
        Tutorials.expect(crm.createSourceConnection(source), 201);
        Tutorials.expect(crm.createTargetSchema(crm.targetSchemaBody(List.of(Tutorials.PROFILE, Tutorials.PERSON_DETAILS,
                Tutorials.PERSONAL_DETAILS))), 201);
        ObjectNode dataSet = AepClient.MAPPER.createObjectNode().put("name", "bundle dataset").put("description", "d");
        dataSet.putObject("schemaRef").put("id", crm.targetSchemaId).put("contentType", "application/vnd.adobe.xed-full+json;version=1");
        Reply created = Tutorials.expect(client.post(Tutorials.CATALOG + "/dataSets?requestDataSource=true", dataSet), 201);
        crm.dataSetId = created.json().get(0).asText().substring("@/dataSets/".length());
        Tutorials.expect(crm.createDatasetBaseConnection(), 201);
        Tutorials.expect(crm.createTargetConnection(crm.targetConnectionBody(Tutorials.DATA_LAKE_SPEC)), 201);
        ObjectNode mapping = AepClient.MAPPER.createObjectNode().put("name", "bundle mapping " + crm.suffix);
        mapping.putObject("outputSchema").putObject("schemaRef").put("id", crm.targetSchemaId)
                .put("contentType", "application/vnd.adobe.xed-full+json;version=1");
        for (String[] pair : List.of(new String[] {"first_name", "person.name.firstName"}, new String[] {"email", "personalEmail.address"})) {
            mapping.withArray("mappings").addObject().put("sourceType", "ATTRIBUTE").put("source", pair[0]).put("destination", pair[1]);
        }
        Reply mappingReply = crm.createMapping(mapping);
        assertThat(mappingReply.status()).isEqualTo(200);
        Reply flow = crm.createFlow(crm.flowBody());
        assertThat(flow.status()).as(flow.toString()).isEqualTo(201);
        Reply mappingSet = client.get(Tutorials.CONVERSION + "/mappingSets/" + crm.mappingId);
        assertThat(mappingSet.json().at("/outputSchema/schemaRef/id").asText()).isEqualTo(crm.targetSchemaId);
        assertThat(mappingSet.json().at("/mappings/0/sourceType").asText()).isEqualTo("ATTRIBUTE");
    }

    @Test
    void idempotency_lookups_find_what_was_created() {
        Tutorials crm = Tutorials.crm(client).all();
        assertThat(client.get(Tutorials.REGISTRY + "/tenant/classes?property=title==" + AepClient.enc("adhoc class " + crm.suffix),
                AepClient.XED_ID).json().at("/results/0/$id").asText()).isEqualTo(crm.adhocClassId);
        assertThat(client.get(Tutorials.REGISTRY + "/tenant/schemas?property=title==" + AepClient.enc("adhoc schema " + crm.suffix),
                AepClient.XED_ID).json().at("/results/0/$id").asText()).isEqualTo(crm.adhocSchemaId);
        Reply dataSets = client.get(Tutorials.CATALOG + "/dataSets?name=" + AepClient.enc("Target Dataset for CRM data " + crm.suffix)
                + "&properties=name,schemaRef");
        assertThat(dataSets.json().fieldNames().next()).isEqualTo(crm.dataSetId);
        assertThat(dataSets.json().get(crm.dataSetId).at("/schemaRef/id").asText()).isEqualTo(crm.targetSchemaId);
        Map<String, String> byName = Map.of(
                "sourceConnections", crm.sourceConnectionId,
                "targetConnections", crm.targetConnectionId,
                "connections", crm.datasetBaseConnectionId,
                "flows", crm.flowId);
        Map<String, String> names = Map.of("sourceConnections", "Source Connection for a CRM system", "targetConnections",
                "Target Connection", "connections", "Dataset Base Connection", "flows", "Dataflow between a CRM system and Platform");
        byName.forEach((collection, id) -> {
            Reply found = client.get(Tutorials.FLOWS + "/" + collection + "?property=name==" + AepClient.enc(names.get(collection)));
            assertThat(found.json().at("/items/0/id").asText()).as(collection).isEqualTo(id);
            Reply byId = client.get(Tutorials.FLOWS + "/" + collection + "/" + id);
            assertThat(byId.json().at("/items/0/id").asText()).as(collection).isEqualTo(id);
        });
        assertThat(client.get(Tutorials.CONVERSION + "/mappingSets?limit=10&start=0").json().at("/data/0/id").asText()).isEqualTo(crm.mappingId);
        Reply schemaByAltId = client.get(Tutorials.REGISTRY + "/tenant/schemas/_emulator.schemas."
                + crm.targetSchemaId.substring(crm.targetSchemaId.lastIndexOf('/') + 1), AepClient.XED_FULL);
        assertThat(schemaByAltId.json().get("$id").asText()).isEqualTo(crm.targetSchemaId);
        assertThat(schemaByAltId.json().at("/properties/person/properties/name/properties/firstName/type").asText()).isEqualTo("string");
        Reply classById = client.get(Tutorials.REGISTRY + "/tenant/classes/" + AepClient.enc(crm.adhocClassId),
                "application/vnd.adobe.xed+json; version=1");
        assertThat(classById.json().get("allOf")).hasSize(2);
        assertThat(client.get(Tutorials.CATALOG + "/dataSets/" + crm.dataSetId).json().has(crm.dataSetId)).isTrue();
        Reply flow = client.get(Tutorials.FLOWS + "/flows/" + crm.flowId);
        assertThat(flow.json().at("/items/0/lastRunDetails/state").asText()).isEqualTo("success");
        assertThat(flow.json().at("/items/0/inheritedAttributes/properties/isSourceFlow").asBoolean()).isTrue();
    }

    @Test
    void explore_lists_tables_and_describes_columns() {
        Reply root = client.get(Tutorials.FLOWS + "/connections/" + Tutorials.SALESFORCE_CONNECTION + "/explore?objectType=root");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.json().get(0).get("type").asText()).isEqualTo("table");
        assertThat(root.json().findValuesAsText("path")).contains("Contact");
        Reply contact = client.get(Tutorials.FLOWS + "/connections/" + Tutorials.SALESFORCE_CONNECTION
                + "/explore?objectType=table&object=Contact&preview=true");
        assertThat(contact.json().at("/schema/columns").findValuesAsText("name")).contains("first_name", "last_name", "email", "updatedAt");
        assertThat(contact.json().at("/schema/columns/0/meta/originalType").asText()).isNotBlank();
        assertThat(contact.json().get("data")).hasSize(5);
        Reply paypal = client.get(Tutorials.FLOWS + "/connections/" + Tutorials.PAYPAL_CONNECTION
                + "/explore?objectType=table&object=PayPal.Catalog_Products");
        assertThat(paypal.json().at("/schema/columns").findValuesAsText("name"))
                .containsExactly("Product_Id", "Product_Name", "Description", "Type", "Create_Time", "updatedAt");
        Reply dynamics = client.get(Tutorials.FLOWS + "/connections?property=connectionSpec.id==38ad80fe-8b06-4938-94f4-d4ee80266b07");
        String dynamicsId = dynamics.json().at("/items/0/id").asText();
        Reply dynamicsRoot = client.get(Tutorials.FLOWS + "/connections/" + dynamicsId + "/explore?objectType=root");
        assertThat(dynamicsRoot.json().findValuesAsText("name")).containsExactly("contact");
        TutorialMistakesTest.assertFlowError(client.get(Tutorials.FLOWS + "/connections/" + Tutorials.SALESFORCE_CONNECTION + "/explore"),
                400, "1400-400");
    }

    @Test
    void connection_specs_and_flow_specs_are_seeded() {
        Reply dataLake = client.get(Tutorials.FLOWS + "/connectionSpecs?property=id==%22" + Tutorials.DATA_LAKE_SPEC + "%22");
        assertThat(dataLake.json().at("/items/0/targetSpec/spec/required/0").asText()).isEqualTo("dataSetId");
        Reply crmToAep = client.get(Tutorials.FLOWS + "/flowSpecs/" + Tutorials.CRM_TO_AEP);
        assertThat(crmToAep.json().at("/items/0/targetConnectionSpecIds/0").asText()).isEqualTo(Tutorials.DATA_LAKE_SPEC);
        assertThat(crmToAep.json().at("/items/0/sourceConnectionSpecIds")).hasSize(6);
        Reply cloud = client.get(Tutorials.FLOWS + "/flowSpecs?property=name==CloudStorageToAEP");
        assertThat(cloud.json().at("/items/0/id").asText()).isEqualTo(Tutorials.CLOUD_STORAGE_TO_AEP);
        assertThat(cloud.json().at("/items/0/sourceConnectionSpecIds").toString()).doesNotContain(Tutorials.SALESFORCE_SPEC);
    }
}
